import type { RolloutPlan } from '../../../domain/plan/rollout-plan.ts';
import type { StepKind } from '../../../domain/plan/rollout-step.ts';
import type { RolloutEvent } from '../../../domain/rollout/rollout-event.ts';
import type { RolloutState } from '../../../domain/rollout/rollout-state.ts';
import type { RichText } from '../../../domain/text/rich-text.ts';
import { finalSummary } from './final-summary.ts';
import type { SlackMessage } from './slack-message.ts';
import { eventReply, failureReply, nodeReply, runReply, type NodeLine, type PreflightProgress, type RunReplyInput } from './step-reply.ts';

/** One message of the rollout's thread: posted once, then updated in place whenever `version` moves on. */
export interface ThreadEntry {
  /** Unique within the rollout: `run:2`, `node:node1:1`, `failure:3`, `summary:1`. */
  readonly key: string;
  /** Bumped whenever what `render` returns changes. */
  readonly version: number;
  /** The final summary: broadcast to the channel (`reply_broadcast`), posted once the board shows the end. */
  readonly summary: boolean;
  render(): SlackMessage;
}

export interface RolloutThreadContext {
  readonly plan: RolloutPlan;
  readonly requestedBy: string;
  readonly approvedBy: string | undefined;
  readonly wayBack: RichText | undefined;
}

const PREFLIGHT_KINDS: readonly StepKind[] = ['connect', 'check-healthy', 'probe', 'stage'];

class Entry implements ThreadEntry {
  version = 0;

  constructor(
    readonly key: string,
    readonly summary: boolean,
    private readonly build: () => SlackMessage,
  ) {}

  render(): SlackMessage {
    return this.build();
  }

  touch(): void {
    this.version += 1;
  }
}

interface RunCard {
  readonly entry: Entry;
  readonly input: { event: RunReplyInput['event']; found: Extract<RolloutEvent, { type: 'NodeFound' }>[]; preflight: PreflightProgress | undefined };
}

interface NodeCard {
  readonly entry: Entry;
  readonly lines: NodeLine[];
  doneMs: number | undefined;
}

/**
 * What the rollout's thread holds, kept up to date event by event: one reply per run (its start,
 * what the probes found, the checks before the change), one per node and run (a line per step,
 * updated in place), one of its own per failure and per control action, and the final summary.
 * A successful rollout of n nodes is n + 2 messages. Pure: the progress notifier delivers it.
 */
export class RolloutThread {
  private readonly list: Entry[] = [];
  private runs = 0;
  private run: RunCard | undefined;
  private readonly nodes = new Map<string, NodeCard>();
  /** Each step's title as its start gave it (restore steps are not in the plan). */
  private readonly titles = new Map<string, string>();
  private preflight: { passed: number; running: string | undefined; failedOn: string | undefined; finished: boolean; startedAt: number | undefined; durationMs: number } | undefined;
  private failures = 0;
  private others = 0;

  constructor(private readonly context: RolloutThreadContext) {}

  get entries(): readonly ThreadEntry[] {
    return this.list;
  }

  /** Folds one event in; `state` is the rollout's state after it (the summary is rendered from it). */
  apply(event: RolloutEvent, state: RolloutState): void {
    switch (event.type) {
      case 'RolloutStarted':
      case 'RolloutResumed':
        this.openRun(event);
        return;
      case 'NodeFound':
        if (this.run === undefined) {
          this.others += 1;
          this.add(new Entry(`event:${this.others}`, false, () => eventReply(event)));
          return;
        }
        {
          // Once the node has a reply in this run, what was found belongs there (a look while putting it back); before, to the run's reply.
          const card = this.nodes.get(event.node);
          if (card !== undefined) {
            card.lines.push({ type: 'found', detail: event.detail });
            card.entry.touch();
            return;
          }
        }
        this.run.input.found.push(event);
        this.run.entry.touch();
        return;
      case 'StepStarted':
        if (this.isPreflight(event.stepId, event.kind, event.purpose)) {
          const p = this.preflightOf();
          p.running = event.node;
          p.startedAt ??= Date.parse(event.at);
          this.touchPreflight();
          return;
        }
        if (this.preflight !== undefined && !this.preflight.finished) {
          this.preflight.finished = true;
          this.touchPreflight();
        }
        this.titles.set(event.stepId, event.title);
        this.nodeCard(event.node).lines.push({ type: 'step', kind: event.kind, purpose: event.purpose, title: event.title, outcome: 'running' });
        this.nodeCard(event.node).entry.touch();
        return;
      case 'StepSucceeded':
      case 'StepFailed': {
        if (this.isPreflight(event.stepId, event.kind, event.purpose)) {
          const p = this.preflightOf();
          if (event.type === 'StepSucceeded') p.passed += 1;
          else p.failedOn = event.node;
          p.running = undefined;
          p.durationMs = p.startedAt === undefined ? 0 : Math.max(0, Date.parse(event.at) - p.startedAt);
          this.touchPreflight();
        } else {
          const card = this.nodeCard(event.node);
          const index = card.lines.findLastIndex((l) => l.type === 'step' && l.outcome === 'running' && l.kind === event.kind);
          const started = index >= 0 ? card.lines[index] : undefined;
          const title = started?.type === 'step' ? started.title : (this.context.plan.steps.find((s) => s.id === event.stepId)?.title ?? event.stepId);
          const line: NodeLine = { type: 'step', kind: event.kind, purpose: event.purpose, title, outcome: event.type === 'StepSucceeded' ? 'succeeded' : 'failed', durationMs: event.durationMs };
          if (index >= 0) card.lines[index] = line;
          else card.lines.push(line);
          card.entry.touch();
        }
        if (event.type === 'StepFailed') {
          this.failures += 1;
          // A restore step is not in the plan: its title comes with its start.
          const title = (state.failure?.stepId === event.stepId ? state.failure.title : undefined) ?? this.titles.get(event.stepId) ?? this.context.plan.steps.find((s) => s.id === event.stepId)?.title ?? event.stepId;
          this.add(new Entry(`failure:${this.failures}`, false, () => failureReply(event, title)));
        }
        return;
      }
      case 'NodeDone': {
        const card = this.nodeCard(event.node);
        card.doneMs = event.durationMs;
        card.entry.touch();
        return;
      }
      case 'RestoreStarted': {
        const card = this.nodeCard(event.node);
        card.lines.push({ type: 'restore', purpose: event.purpose ?? 'restore' });
        card.entry.touch();
        return;
      }
      case 'RestoreFinished': {
        const card = this.nodeCard(event.node);
        card.doneMs = undefined;
        card.lines.push({ type: 'restore', purpose: event.purpose ?? 'restore', ok: event.ok, message: event.message });
        card.entry.touch();
        return;
      }
      case 'RunStopping':
      case 'RolloutInterrupted':
      case 'RolloutLeft':
        this.others += 1;
        this.add(new Entry(`event:${this.others}`, false, () => eventReply(event)));
        if (event.type === 'RolloutLeft') this.addSummary(state);
        return;
      case 'RolloutDone':
        this.addSummary(state);
        return;
    }
  }

  private add(entry: Entry): void {
    this.list.push(entry);
  }

  private addSummary(state: RolloutState): void {
    const { plan, requestedBy, approvedBy, wayBack } = this.context;
    const message = finalSummary({ plan, state, requestedBy, approvedBy, wayBack });
    this.add(new Entry(`summary:${this.runs}`, true, () => message));
  }

  private openRun(event: RunReplyInput['event']): void {
    this.runs += 1;
    this.nodes.clear();
    this.preflight = undefined;
    const input: RunCard['input'] = { event, found: [], preflight: undefined };
    const strategy = this.context.plan.strategy;
    const entry = new Entry(`run:${this.runs}`, false, () => runReply({ event: input.event, strategy, found: input.found, preflight: input.preflight }));
    this.run = { entry, input };
    this.add(entry);
  }

  private isPreflight(stepId: string, kind: StepKind, purpose: string): boolean {
    if (purpose !== 'rollout') return false;
    const phase = this.context.plan.steps.find((s) => s.id === stepId)?.phase;
    return phase === undefined ? PREFLIGHT_KINDS.includes(kind) && !this.nodes.has(stepId.split('/')[0] ?? '') : phase === 'preflight';
  }

  private preflightOf(): NonNullable<RolloutThread['preflight']> {
    this.preflight ??= { passed: 0, running: undefined, failedOn: undefined, finished: false, startedAt: undefined, durationMs: 0 };
    return this.preflight;
  }

  private touchPreflight(): void {
    const p = this.preflightOf();
    if (this.run === undefined) return;
    this.run.input.preflight = { passed: p.passed, running: p.running, failedOn: p.failedOn, finished: p.finished, durationMs: p.durationMs };
    this.run.entry.touch();
  }

  private nodeCard(node: string): NodeCard {
    let card = this.nodes.get(node);
    if (card === undefined) {
      const lines: NodeLine[] = [];
      const index = this.context.plan.nodes.indexOf(node);
      const position = index < 0 ? undefined : { index: index + 1, of: this.context.plan.nodes.length };
      const created: NodeCard = {
        lines,
        doneMs: undefined,
        entry: new Entry(`node:${node}:${this.runs}`, false, () => nodeReply({ node, position, lines, doneMs: created.doneMs })),
      };
      card = created;
      this.nodes.set(node, card);
      this.add(card.entry);
    }
    return card;
  }
}
