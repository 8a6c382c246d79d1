import type { App } from '@slack/bolt';
import type { ListenerContext } from '../listener-context.ts';

/** Someone opened the bot's Home tab: it is published for them (their clusters, nodes, rollouts). */
export function registerAppHomeOpened(app: App, ctx: ListenerContext): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await ctx.home.opened(event.user);
  });
}
