import type { ArtifactSource, Clock, HealthProbe, Logger, NodeExecutor, RolloutStore } from '../../app/ports.ts';

/** A stop signal as the terminal sends it (Ctrl-C, or `kill`). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Where Ctrl-C comes from: subscribe, get back the remover (the process in production, a test's hand in tests). */
export type SignalSource = (onSignal: (signal: StopSignal) => void) => () => void;

/** The person at the keyboard: whether there is one, and a question to them. */
export interface Terminal {
  readonly isTty: boolean;
  readonly ask: (prompt: string) => Promise<string>;
}

/** Everything the CLI's commands may reach beyond files and output; built once by the CLI's composition root. */
export interface CliPorts {
  readonly executor: NodeExecutor;
  readonly healthProbe: HealthProbe;
  readonly artifactsAt: (dir: string) => ArtifactSource;
  /** Opens the bot's store at an absolute path (throws with a one-line message when it cannot). */
  readonly openStore: (path: string) => RolloutStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** `cli:<os user>`: how terminal runs appear in the audit trail. */
  readonly actor: string;
  /** This process as a rollout owner, and whether another owner's process is gone for sure. */
  readonly owner: string;
  readonly ownerIsGone: (owner: string) => boolean;
  /** A rollout id for a run recorded in the store, unique to this process. */
  readonly newRunId: (now: Date) => string;
  readonly signals: SignalSource;
  readonly terminal: Terminal;
  /** How often waits poll what cannot be followed as a stream. */
  readonly pollIntervalMs: number;
}
