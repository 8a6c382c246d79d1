import type { ProgressNotifier, RolloutAnnouncement } from '../app/ports.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';

type Listener = (rolloutId: string, event: RolloutEvent) => void;

/** A notifier that passes everything on and also tells its listeners of each event (App Home refreshes on them). A listener that throws is ignored. */
export class RolloutEventTap implements ProgressNotifier {
  private readonly listeners = new Set<Listener>();

  constructor(private readonly inner: ProgressNotifier) {}

  begin(announcement: RolloutAnnouncement, pastEvents?: readonly RolloutEvent[]): void {
    this.inner.begin(announcement, pastEvents);
  }

  publish(rolloutId: string, event: RolloutEvent): void {
    this.inner.publish(rolloutId, event);
    for (const listener of this.listeners) {
      try {
        listener(rolloutId, event);
      } catch {
        // a listener's failure never reaches the rollout
      }
    }
  }

  flush(rolloutId: string): Promise<void> {
    return this.inner.flush(rolloutId);
  }

  /** Adds a listener; returns its removal. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
