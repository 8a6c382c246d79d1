import type { App } from '@slack/bolt';

export interface RunningSocketApp {
  stop(): Promise<void>;
}

/**
 * Starts a Bolt app built in Socket Mode (`appToken`, `socketMode: true`, `clientOptions.slackApiUrl`
 * at the Web API stand-in): `App#start` calls `apps.connections.open` with the app token, opens the
 * WebSocket it names and resolves on Slack's `hello`.
 */
export const startBoltSocketApp = async (app: App): Promise<RunningSocketApp> => {
  await app.start();
  return {
    stop: async () => {
      await app.stop();
    },
  };
};
