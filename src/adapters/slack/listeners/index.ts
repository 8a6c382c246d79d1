import type { App } from '@slack/bolt';
import { registerAnswer } from './actions/answer.ts';
import { registerApprove } from './actions/approve.ts';
import { registerReject } from './actions/reject.ts';
import { registerRolloutControl } from './actions/rollout-control.ts';
import { registerShowPlan } from './actions/show-plan.ts';
import { registerLiferayCommand } from './commands/liferay-command.ts';
import type { ListenerContext } from './listener-context.ts';
import { registerRejectModalSubmit } from './views/reject-modal-submit.ts';
import { registerAppHomeOpened } from './events/app-home-opened.ts';
import { registerNewRequestShortcut } from './shortcuts/new-request-shortcut.ts';
import { registerRequestFormKind } from './views/request-form-kind.ts';
import { registerRequestFormSubmit } from './views/request-form-submit.ts';

/** Every listener of the bot, one file each (the Bolt starter template's `listeners/<kind>/`). */
export function registerListeners(app: App, ctx: ListenerContext): void {
  registerLiferayCommand(app, ctx);
  registerApprove(app, ctx);
  registerReject(app, ctx);
  registerAnswer(app, ctx);
  registerRolloutControl(app, ctx);
  registerShowPlan(app, ctx);
  registerRejectModalSubmit(app, ctx);
  registerNewRequestShortcut(app, ctx);
  registerRequestFormKind(app, ctx);
  registerRequestFormSubmit(app, ctx);
  registerAppHomeOpened(app, ctx);
}
