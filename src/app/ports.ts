import type { ArtifactContents } from '../domain/liferay/jar/inspect-artifact.ts';
import type { PlanArtifact, RolloutPlan } from '../domain/plan/rollout-plan.ts';
import type { Result } from '../domain/result.ts';
import type { RolloutEvent } from '../domain/rollout/rollout-event.ts';
import type { MaintenanceRequest } from '../domain/request/maintenance-request.ts';
import type { ShellCommand } from '../domain/shell/shell-command.ts';
import type { AuditEntry, RolloutRecord, RolloutStatus } from './rollout-record.ts';
import type { RichText } from '../domain/text/rich-text.ts';

/** Where and how to reach one node over SSH. */
export interface NodeTarget {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Path to a private key file; when absent the SSH agent (`SSH_AUTH_SOCK`) is used. */
  readonly privateKeyPath?: string;
  /** Pinned host key, `SHA256:<base64 without padding>` as `ssh-keygen -lf` prints it. */
  readonly hostKeySha256: string;
  readonly connectTimeoutMs: number;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly timeoutMs: number;
  /**
   * What to send on the command's standard input (uploads and file edits): a string (as UTF-8),
   * bytes, or a factory opening a stream, for large files. The stream is piped with backpressure,
   * so it is never held in memory whole; a reconnect-and-retry of an idempotent command calls the
   * factory again for a fresh stream. A stream that fails (or a factory that throws) fails the
   * command with CodedError `stdin_failed` and the remote command is killed, not sent end-of-file.
   */
  readonly stdin?: string | Uint8Array | (() => NodeJS.ReadableStream);
  /** Safe to re-run after a dropped connection: the executor may reconnect and retry. */
  readonly idempotent?: boolean;
  /** Output as it arrives (e.g. to follow a log). */
  readonly onStdout?: (chunk: string) => void;
  /** Aborting stops waiting and closes the remote command's channel. */
  readonly signal?: AbortSignal;
}

/** An open connection to one node, reused across that node's steps. */
export interface NodeSession {
  readonly target: NodeTarget;
  run(command: ShellCommand, options: RunOptions): Promise<CommandResult>;
  close(): Promise<void>;
}

/** Opens sessions. Refuses a host whose key does not match its pin (CodedError `host_key_mismatch`). */
export interface NodeExecutor {
  connect(target: NodeTarget): Promise<NodeSession>;
}

/** Time, passed in so the domain and tests control it. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The cluster lock of one rollout, and who runs it now (a lease its process renews). */
export interface ClusterLock {
  readonly cluster: string;
  readonly rolloutId: string;
  /** The process that runs the rollout now; undefined while it waits for a decision (held). */
  readonly owner: string | undefined;
  /** Milliseconds since the epoch; the owner must renew before then or lose the rollout. */
  readonly expiresAt: number | undefined;
}

/** Taking a rollout to run it: the cluster lock and the owner, in one transaction with the status change. */
export interface Claim {
  readonly owner: string;
  /** The lease runs until then (ms since the epoch). */
  readonly until: number;
  readonly now: number;
  /** Take the rollout from this owner even if its lease has not run out (the caller knows it is gone). */
  readonly takeOverFrom?: string | undefined;
}

export type ClaimResult =
  | { readonly ok: true; readonly record: RolloutRecord }
  /** The record is not (or no longer) in one of the expected statuses. */
  | { readonly ok: false; readonly reason: 'status'; readonly record: RolloutRecord | undefined }
  /** Another rollout holds the cluster. */
  | { readonly ok: false; readonly reason: 'busy'; readonly holder: ClusterLock }
  /** This rollout is run by a live owner. */
  | { readonly ok: false; readonly reason: 'owned'; readonly holder: ClusterLock };

/** A rollout that succeeded in one run: its plan and how long the run took. */
export interface SucceededRun {
  readonly rolloutId: string;
  readonly plan: RolloutPlan;
  /** When it finished (its `RolloutDone`). */
  readonly finishedAt: string;
  readonly durationMs: number;
}

/** Which records `RolloutStore.list` returns: every given condition holds (an empty list matches nothing); at most `limit`. */
export interface RolloutFilter {
  readonly cluster?: string;
  readonly statuses?: readonly RolloutStatus[];
  /** The request's kind (`fixpack`, `property`, ...). */
  readonly kinds?: readonly MaintenanceRequest['kind'][];
  readonly limit?: number;
}

/**
 * Durable record of requests, decisions and rollout events: what survives a bot restart.
 * Synchronous (SQLite is local); every write is committed before the call returns.
 */
export interface RolloutStore {
  create(record: RolloutRecord): void;
  get(id: string): RolloutRecord | undefined;
  /**
   * Update a record only if its status is one of `expected` (compare-and-set: two approvers
   * clicking at once cannot both win). Returns the updated record, or undefined when the status
   * did not match (nothing changed).
   */
  update(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>): RolloutRecord | undefined;
  /**
   * Atomically: the record's status is one of `expected`, its cluster is free or locked by this
   * rollout, and the rollout has no live owner (none, an expired lease, `claim.owner` itself, or
   * `claim.takeOverFrom`); then the patch is applied, the cluster locked for this rollout and
   * `claim.owner` made its owner until `claim.until`. Otherwise nothing changes.
   */
  claim(id: string, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, claim: Claim): ClaimResult;
  /** Extends the owner's lease; false when `owner` no longer owns the rollout (it must stop touching nodes). */
  renewLease(id: string, owner: string, until: number): boolean;
  /**
   * Ends a run: applies the patch when the status is one of `expected` and `owner` still owns the
   * rollout (undefined: nobody owns it, or the lease ran out), drops the owner, and releases the
   * cluster lock when `releaseCluster` (a final status). Undefined when nothing changed.
   */
  release(id: string, owner: string | undefined, expected: readonly RolloutStatus[], patch: Partial<Omit<RolloutRecord, 'id'>>, releaseCluster: boolean, now: number): RolloutRecord | undefined;
  /** Every cluster lock (with its owner and lease), for status and recovery. */
  locks(): ClusterLock[];
  /** Appends an event; returns its sequence number (1, 2, ... per rollout). */
  appendEvent(id: string, event: RolloutEvent): number;
  events(id: string): RolloutEvent[];
  /**
   * The cluster's most recent rollouts that succeeded in one run (started and finished without a
   * resume, so their run's duration is the whole rollout's), newest finish first, at most `limit`:
   * what expected durations are learned from.
   */
  succeededRuns(cluster: string, limit: number): SucceededRun[];
  /** Most recent first. */
  list(filter: RolloutFilter): RolloutRecord[];
  audit(entry: AuditEntry): void;
  auditTrail(rolloutId: string): AuditEntry[];
  close(): void;
}

/** What a run checks between steps: a stop someone asked for, and whether it still owns the rollout. */
export interface RunControl {
  /** A stop asked for by a person (Slack, CLI) or by the process itself (shutdown). */
  requested(): { readonly cause: 'pause' | 'abort' | 'shutdown'; readonly by?: string | undefined } | undefined;
  /** Undefined while this process owns the rollout; else why not. Checked before every step (fencing). */
  lost(): string | undefined;
}

/** What a health check found: `ok` when something answered HTTP (whatever the status), else the error text. */
export type HealthAnswer = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string };

/** Bot-side HTTP check of a node's health URL. */
export interface HealthProbe {
  /** The HTTP status, or an error text when nothing answered. Never throws. */
  check(url: string, timeoutMs: number): Promise<HealthAnswer>;
}

/** Structured logger (pino's shape): object first, fixed message. */
export interface Logger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

/** The bot-side artifact folder (fix pack zips, module JARs, WARs). */
export interface ArtifactSource {
  /** Name, sha256 and size of each file; an error naming every missing or unreadable file. */
  describe(files: readonly string[]): Promise<Result<PlanArtifact[], string>>;
  /** A stream of the file's bytes (read as it is consumed; errors such as a missing file arrive on the stream). */
  open(file: string): NodeJS.ReadableStream;
  /** The names of the files in the folder (no folders, no hidden files), sorted; empty when the folder cannot be read. */
  list(): Promise<string[]>;
}

/** Reads a module/plugin file of the artifact folder for the JAR inspector. */
export interface ArtifactReader {
  /** The entries the inspector reads; an error with the reason when the file is missing or not a readable zip. */
  read(file: string): Promise<Result<ArtifactContents, string>>;
}

/** Where a rollout's progress is shown, and for whom (Slack: the request's message and its thread). */
export interface RolloutAnnouncement {
  readonly rolloutId: string;
  readonly channelId: string;
  /** The request's message: it becomes the status board; replies go in its thread. */
  readonly messageTs: string;
  readonly plan: RolloutPlan;
  readonly requestedBy: string;
  readonly approvedBy: string | undefined;
  /** How to undo the change on nodes that already have it, shown when the rollout fails. */
  readonly wayBack: RichText | undefined;
}

/**
 * Renders rollout events somewhere people look. `publish` never blocks the rollout: delivery is
 * queued, ordered, throttled and retried behind it; `flush` waits until the queue is delivered.
 */
export interface ProgressNotifier {
  begin(announcement: RolloutAnnouncement, pastEvents?: readonly RolloutEvent[]): void;
  publish(rolloutId: string, event: RolloutEvent): void;
  flush(rolloutId: string): Promise<void>;
}
