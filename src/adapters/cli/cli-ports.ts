import type { ArtifactReader, ArtifactSource, Clock, HealthProbe, Logger, NodeExecutor, RolloutStore } from '../../app/ports.ts';
import type { ControlDeps } from '../../app/requests/control-rollout.ts';
import type { RunOwnedDeps } from '../../app/requests/run-owned.ts';
import type { Inventory } from '../../config/inventory-schema.ts';
import type { CliIo } from './cli-io.ts';

/** A stop signal as the terminal sends it (Ctrl-C, or `kill`). */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Where Ctrl-C comes from: subscribe, get back the remover (the process in production, a test's hand in tests). */
export type SignalSource = (onSignal: (signal: StopSignal) => void) => () => void;

/** The person at the keyboard: whether there is one, and a question to them. */
export interface Terminal {
  readonly isTty: boolean;
  readonly ask: (prompt: string) => Promise<string>;
}

/**
 * What the commands on the bot's store hand the use cases they share with the bot (a control, a
 * recorded run): the CLI's adapters, the terminal standing in for Slack, this process as the owner.
 */
export type CliServices = ControlDeps & RunOwnedDeps;

/** Everything the CLI's commands may reach beyond files and output; built once by the CLI's composition root. */
export interface CliPorts {
  readonly executor: NodeExecutor;
  readonly healthProbe: HealthProbe;
  readonly artifactsAt: (dir: string) => ArtifactSource;
  /** The JAR inspector's reader over an artifact folder (module and plugin files). */
  readonly artifactReaderAt: (dir: string) => ArtifactReader;
  /** Opens the bot's store at an absolute path (throws with a one-line message when it cannot). */
  readonly openStore: (path: string) => RolloutStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** `cli:<os user>`: how terminal runs appear in the audit trail. */
  readonly actor: string;
  /** Whether the process named by a rollout owner id is gone for sure (same host, no such process). */
  readonly ownerIsGone: (owner: string) => boolean;
  /** The use cases' ports for a command on the store at hand, once it has loaded the inventory (built by the composition). */
  readonly servicesFor: (inventory: Inventory, store: RolloutStore, io: CliIo, leaseMs: number) => CliServices;
  /** A rollout id for a run recorded in the store, unique to this process. */
  readonly newRunId: (now: Date) => string;
  readonly signals: SignalSource;
  readonly terminal: Terminal;
  /** How often waits poll what cannot be followed as a stream. */
  readonly pollIntervalMs: number;
}
