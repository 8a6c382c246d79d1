import { parseArgs } from 'node:util';
import { controlRollout } from '../../app/requests/control-rollout.ts';
import type { RolloutControl } from '../../domain/approval/can-control.ts';
import { replay } from '../../domain/rollout/rollout-state.ts';
import { whereNodesStand } from '../../domain/rollout/where-nodes-stand.ts';
import { openCliStore } from './open-cli-store.ts';
import { EXIT, type CliIo } from './cli-io.ts';
import type { CliEnv } from '../../config/env-config.ts';
import type { CliPorts } from './cli-ports.ts';
import { loadClusterContext } from './cluster-context.ts';
import { stopOnSignals } from './stop-on-signals.ts';
import { cliText } from './render-text.ts';
import { messageOf } from '../../domain/message-of.ts';

/** What the controls use: the store, the shared use cases' ports, Ctrl-C and who is at the terminal. */
export type ControlPorts = Pick<CliPorts, 'openStore' | 'servicesFor' | 'signals' | 'actor'>;

export const CONTROL_USAGE = `usage: liferay-rollout resume|retry|rollback|pause|abort|leave <rollout-id> --db FILE --inventory FILE
  resume    go on from the first node not yet done (after finding where every node stands)
  retry     run the failed node again, then wait for a decision
  rollback  put back the backup of every node that has the change, one node at a time
  pause     (a running rollout) stop once the node in progress is back up
  abort     (a running rollout) stop after the current step, bringing the node in progress back up first
  leave     end a stopped rollout as it is: nothing more runs, the cluster is free
  resume, retry and rollback run here, printing every step; Ctrl-C pauses as for run.
  --db FILE (or DATABASE) is the bot's store; --inventory FILE (or INVENTORY) says how to reach the nodes.
  Exit 0 done, 1 failed or refused, 2 bad input, 130 paused by Ctrl-C.
`;

/** `liferay-rollout resume|retry|rollback|pause|abort|leave <id>`: the Slack controls, from a terminal. */
export async function controlCommand(control: RolloutControl, argv: readonly string[], io: CliIo, ports: ControlPorts, env: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: { db: { type: 'string' }, inventory: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (e) {
    io.stderr(`liferay-rollout ${control}: ${messageOf(e)}\n${CONTROL_USAGE}`);
    return EXIT.usage;
  }
  if (parsed.values.help === true) {
    io.stdout(CONTROL_USAGE);
    return EXIT.ok;
  }
  const [id, ...extra] = parsed.positionals;
  if (id === undefined || extra.length > 0 || !/^[A-Za-z0-9_-]{1,200}$/.test(id)) {
    io.stderr(`liferay-rollout ${control}: give one rollout id (as status lists them)\n${CONTROL_USAGE}`);
    return EXIT.usage;
  }
  const db = parsed.values.db ?? env.DATABASE;
  const inventoryPath = parsed.values.inventory ?? env.INVENTORY;
  if (db === undefined || inventoryPath === undefined) {
    io.stderr(`liferay-rollout ${control}: --db FILE (or DATABASE) and --inventory FILE (or INVENTORY) are required\n${CONTROL_USAGE}`);
    return EXIT.usage;
  }
  const store = openCliStore(control, db, io, ports);
  if (store === undefined) return EXIT.usage;
  try {
    const record = store.get(id);
    if (record === undefined) {
      io.stderr(`liferay-rollout ${control}: no rollout ${id} in ${db}\n`);
      return EXIT.failed;
    }
    const context = loadClusterContext({ cwd: io.cwd, cluster: record.cluster, inventoryPath });
    if (!context.ok || context.value.inventory === undefined) {
      io.stderr(`liferay-rollout ${control}: ${context.ok ? 'no inventory' : context.error}\n`);
      return EXIT.usage;
    }
    const services = ports.servicesFor(context.value.inventory, store, io, env.LEASE_SECONDS * 1000);
    const actor = ports.actor;
    const outcome = controlRollout({ rolloutId: id, control, userId: actor, groupIds: [], atTerminal: true }, services);
    if (!outcome.ok) {
      io.stderr(`liferay-rollout ${control}: ${cliText(outcome.message)}\n`);
      return EXIT.failed;
    }
    io.stdout(`${cliText(outcome.message)}\n`);
    if (outcome.run === undefined) return EXIT.ok;
    const unhook = stopOnSignals(services.ownership.shutdown, io, ports);
    try {
      const result = await outcome.run;
      const state = replay(record.plan?.nodes ?? [], store.events(id));
      io.stdout(`\nRollout ${id}: ${result?.outcome ?? 'not run'}. Where things stand: ${whereNodesStand(record.plan?.nodes ?? [], state)}.\n`);
      if (result?.outcome === 'succeeded' || result?.outcome === 'rolled-back') return EXIT.ok;
      return services.ownership.shutdown.requested && result?.outcome === 'paused' ? 130 : EXIT.failed;
    } finally {
      unhook();
    }
  } finally {
    store.close();
  }
}
