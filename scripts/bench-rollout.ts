/**
 * Rollout overhead benchmark: a 3-node rolling fix pack install on the local cluster, with node
 * start and stop times set like a (fast) real node, repeated. Prints the rollout's wall time next
 * to the sum of the nodes' own stop + start times (what a rollout cannot go below), and the
 * overhead: preflight, backups, Patching Tool, health and cluster checks, SSH round trips.
 *   npx tsx scripts/bench-rollout.ts [runs=3] [startupMs=3000] [shutdownMs=1000]
 */
import type { RolloutEvent } from '../src/domain/rollout/rollout-event.ts';
import { startLocalRollout } from '../test/support/local-rollout.ts';

const [runs = 3, startupMs = 3000, shutdownMs = 1000] = process.argv.slice(2).map(Number);
const env = await startLocalRollout({ nodes: 3, startupMs, shutdownMs, installedPatches: ['dxp-13-7110'], productBuild: '7110' });
const rows: string[] = [];
try {
  for (let run = 0; run < runs; run += 1) {
    const patch = run % 2 === 0 ? 'fixpack install dxp-14-7110 on prod' : 'fixpack revert dxp-14-7110 on prod';
    env.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    env.addArtifact('liferay-fix-pack-dxp-13-7110.zip', 'fix pack 13');
    const began = performance.now();
    // The revert goes back to dxp-13, the level the install started from (what the rollout records say).
    const { result, events } = await env.run(patch, {}, { fixpackBefore: { 'dxp-14-7110': 'dxp-13-7110' } });
    const wall = performance.now() - began;
    const durationOf = (pattern: RegExp): number =>
      events.reduce((sum, e: RolloutEvent) => sum + (e.type === 'StepSucceeded' && pattern.test(e.stepId) ? e.durationMs : 0), 0);
    const stopStart = durationOf(/\/(stop|start|wait-started)$/);
    const preflight = durationOf(/\/(connect|check-healthy|probe|stage)$/);
    const gates = durationOf(/\/(wait-healthy|wait-cluster)$/);
    const change = durationOf(/\/(backup|apply)$/);
    const verify = durationOf(/\/verify$/);
    rows.push(
      `${patch.padEnd(36)} ${result.outcome.padEnd(9)} wall ${(wall / 1000).toFixed(2)} s | nodes' stop+start ${(stopStart / 1000).toFixed(2)} s | overhead ${((wall - stopStart) / 1000).toFixed(2)} s (preflight ${(preflight / 1000).toFixed(2)}, backup+apply ${(change / 1000).toFixed(2)}, health+cluster gates ${(gates / 1000).toFixed(2)}, post-check ${(verify / 1000).toFixed(2)})`,
    );
  }
} finally {
  await env.stop();
}
process.stdout.write(`3-node rolling rollout on the local cluster (node startup ${startupMs} ms, shutdown ${shutdownMs} ms), ${runs} runs:\n${rows.join('\n')}\n`);
