import type { App } from '@slack/bolt';

export interface RunningBoltApp {
  /** `http://127.0.0.1:PORT`, for signedSlackClient({ baseUrl }). */
  readonly baseUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a Bolt app built with the default HTTPReceiver (HTTP mode: `signingSecret`, no `socketMode`)
 * on 127.0.0.1 and a free port chosen by the OS. `App#start` forwards node `ListenOptions` to
 * `server.listen()` and resolves with the `http.Server`, whose address holds the port.
 */
export const startBoltHttpApp = async (app: App): Promise<RunningBoltApp> => {
  const server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Bolt HTTP server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: async () => {
      await app.stop();
    },
  };
};
