import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { ExpectedDuration } from '../../../app/requests/expected-duration.ts';
import { packLines } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { code, shortHash } from './mrkdwn.ts';
import { planLines } from './plan-lines.ts';
import type { ModalView } from './slack-message.ts';
import { verbatimContext, verbatimSection } from './verbatim-blocks.ts';
import { aboutTotal, durationLine } from './verdict-message.ts';

/** A modal holds 100 blocks; the plan gets most of them. */
const MAX_PLAN_BLOCKS = 90;
const TITLE_MAX = 24;

export interface PlanModalInput {
  readonly requestId: string;
  /** The canonical request text (`fixpack install dxp-17-7110 on prod`). */
  readonly requestText: string;
  readonly plan: RolloutPlan;
  readonly duration: ExpectedDuration;
}

/** The `view` Show plan opens: the request's whole plan, step by step, with its hash. Read only (no submit). */
export function planModal(input: PlanModalInput): ModalView {
  const { plan } = input;
  const lines = planLines(plan, aboutTotal(input.duration));
  return {
    type: 'modal',
    title: { type: 'plain_text', text: cutLine(`Plan for ${plan.cluster}`, TITLE_MAX) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [
      verbatimSection(`${code(`/liferay ${input.requestText}`, 2800)}\n*Duration:* ${durationLine(input.duration)}`),
      ...packLines(lines, MAX_PLAN_BLOCKS, (k) => `… and ${k} more plan line${k === 1 ? '' : 's'}`).map((text) => verbatimSection(text)),
      verbatimContext(`Request ${code(input.requestId, 200)} · plan ${code(shortHash(plan.hash))}: an approval is bound to this exact plan`),
    ],
  };
}
