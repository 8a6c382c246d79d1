import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerQuestion, type AnswerInput } from '../../../../app/requests/answer-question.ts';
import { requestView } from '../../../../app/requests/request-view.ts';
import { ANSWER_ACTION_ID } from '../../blocks/action-ids.ts';
import { decodeAnswerValue, type AnswerValue } from '../../blocks/button-values.ts';
import type { RequestView } from '../../../../app/requests/request-view.ts';
import { channelOf } from './channel-of.ts';
import { repeatedClick } from './repeated-click.ts';
import { NOT_OURS, type ListenerContext } from '../listener-context.ts';
import { groupsFor, showRequest } from '../request-messages.ts';

/** The use case's answer from a button's value; "revertible" names the question's subjects. */
function answerOf(value: AnswerValue, view: RequestView | undefined): AnswerInput {
  switch (value.topic) {
    case 'schema':
      return { topic: 'schema', answer: value.answer };
    case 'java-major':
      return { topic: 'java-major', answer: value.answer };
    case 'revertible': {
      const verdict = view?.record.verdict;
      const question = verdict?.type === 'verdict' ? verdict.questions[value.question] : undefined;
      return { topic: 'revertible', answer: value.answer, subjects: question?.subjects ?? [] };
    }
  }
}

/** An answer to a needs-confirmation question: the verdict is evaluated again and the message shows it. */
export function registerAnswer(app: App, ctx: ListenerContext): void {
  app.action<BlockAction<ButtonAction>>(ANSWER_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    if (await repeatedClick(body, action, ctx)) return;
    const value = decodeAnswerValue(action.value);
    const channel = channelOf(body);
    if (value === undefined) return ctx.talk.tell(channel, body.user.id, NOT_OURS);
    const view = requestView(value.requestId, ctx.deps);
    const outcome = await answerQuestion({ requestId: value.requestId, userId: body.user.id, groupIds: await groupsFor(body.user.id, view, ctx), ...answerOf(value, view) }, ctx.deps);
    if (!outcome.ok) return ctx.talk.tell(channel, body.user.id, outcome.message);
    await showRequest(outcome.record, ctx);
  });
}
