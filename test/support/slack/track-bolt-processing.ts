import type { App } from '@slack/bolt';

export interface BoltProcessing {
  /** Resolves once every event the app has received so far (and any received meanwhile) has been processed. */
  settled(): Promise<void>;
  /** Events being processed now. */
  inFlight(): number;
}

/**
 * Watches a Bolt app's `processEvent` (the public entry every receiver calls with each request or
 * envelope, which resolves once its listeners are done), so a Socket Mode test can wait for a
 * listener the way `processBeforeResponse` makes an HTTP response wait. The SocketModeReceiver
 * calls it synchronously when an envelope arrives, before the listener acks, so an ack read by the
 * stand-in is always of an event already counted here. Observes only: the event, its result and
 * its errors pass through unchanged.
 */
export function trackBoltProcessing(app: App): BoltProcessing {
  const running = new Set<Promise<unknown>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const processing = processEvent(event);
    const tracked = processing.then(
      () => undefined,
      () => undefined,
    );
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
    return processing;
  };
  return {
    settled: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    inFlight: () => running.size,
  };
}
