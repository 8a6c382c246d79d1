import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../../blocks/action-ids.ts';
import type { ListenerContext } from '../listener-context.ts';
import { openRequestForm } from '../views/open-request-form.ts';

/** The global shortcut "New maintenance request": the request form, for every cluster that takes requests somewhere (no channel comes with a shortcut). */
export function registerNewRequestShortcut(app: App, ctx: ListenerContext): void {
  app.shortcut(ACTION_IDS.newRequestShortcut, async ({ ack, shortcut }) => {
    await ack();
    await openRequestForm(shortcut.trigger_id, { from: 'shortcut' }, ctx);
  });
}
