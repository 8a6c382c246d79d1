import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { EMPTY_CATALOG } from '../../domain/liferay/patch-catalog.ts';
import type { ClusterFacts } from '../../domain/liferay/cluster-facts.ts';
import { ok } from '../../domain/result.ts';
import { parseRequest } from '../../domain/request/parse-request.ts';
import type { MaintenanceRequest } from '../../domain/request/maintenance-request.ts';
import { YauzlArtifactReader } from '../../adapters/artifacts/yauzl-artifact-reader.ts';
import { evaluateRequest, type EvaluateDeps } from './evaluate-request.ts';
import type { ClusterRuntime } from './service-deps.ts';

const request = (text: string): MaintenanceRequest => {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
};

const unused = (): never => {
  throw new Error('not used by evaluateRequest');
};

/** The ports evaluateRequest uses, with nothing probed: the store, the catalog and an artifact folder holding every file. */
function depsWith(store: InMemoryRolloutStore): EvaluateDeps {
  return {
    store,
    catalog: EMPTY_CATALOG,
    executor: { connect: unused },
    artifacts: { describe: (files) => Promise.resolve(ok(files.map((file) => ({ file, sha256: 'a'.repeat(64), bytes: 1 })))), open: unused, list: unused },
    probe: false,
  };
}

const cluster: ClusterRuntime = {
  spec: aCluster().build(),
  targets: new Map(),
  declaredFacts: {},
  eligibility: {},
  approval: { approverUserIds: [], approverGroupIds: [], allowSelfApproval: false, approvalTtlMinutes: 60, channels: [] },
  afterRestart: 'resume',
  notify: 'mention',
  production: false,
};
const at14: ClusterFacts = { product: 'dxp-7.1', patches: ['dxp-14-7110'], java: '1.8.0_292' };

describe('evaluateRequest: a fix pack revert goes back to the level the cluster records say', () => {
  it.each([
    ['this cluster installed dxp-14 from dxp-13', 'prod', 'liferay-fix-pack-dxp-13-7110.zip'],
    ['only another cluster did', 'test', undefined],
  ])('%s', async (_name, recordCluster, restoredZip) => {
    const store = new InMemoryRolloutStore();
    const installed = aRolloutRecord().onCluster(recordCluster).withStatus('succeeded').build();
    store.create({ ...installed, request: request(`fixpack install dxp-14-7110 on ${recordCluster}`), facts: { product: 'dxp-7.1', patches: ['dxp-13-7110'] } });
    const prepared = await evaluateRequest(request('fixpack revert dxp-14-7110 on prod'), cluster, {}, depsWith(store), at14);
    if (!prepared.ok) throw new Error(prepared.error);
    const { verdict, plan } = prepared.value;
    const apply = plan?.steps.find((s) => s.action.kind === 'apply')?.action;
    const restored = apply?.kind === 'apply' && apply.change.type === 'patch-revert' ? apply.change.restore?.zip : undefined;
    expect(restored).toBe(restoredZip);
    expect(verdict.type === 'verdict' && verdict.verdict).toBe(restoredZip === undefined ? 'needs-confirmation' : 'eligible');
    expect(plan?.artifacts.map((a) => a.file) ?? []).toEqual(restoredZip === undefined ? [] : [restoredZip]);
  });
});

describe('evaluateRequest: a module request is judged on its JAR (what the bot and plan/run show)', () => {
  const jars = fileURLToPath(new URL('../../../test/fixtures/jars/', import.meta.url));
  const installed: ClusterRuntime = { ...cluster, declaredFacts: { modules: { 'com.acme.foo.service': { version: '1.0.0', schemaVersion: '1.0.0' } } } };

  it.each([
    ['a dropped column: ineligible, naming class and call', 'drop-column.jar', 'ineligible', 'com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn'],
    ['a code change only: eligible, naming the evidence', 'code-only.jar', 'eligible', 'no breaking call or SQL in its upgrade steps'],
  ])('%s', async (_name, file, verdict, evidence) => {
    const deps: EvaluateDeps = { ...depsWith(new InMemoryRolloutStore()), artifactReader: new YauzlArtifactReader(jars) };
    const prepared = await evaluateRequest(request(`module update ${file} on prod`), installed, {}, deps);
    if (!prepared.ok || prepared.value.verdict.type !== 'verdict') throw new Error('no verdict');
    expect(prepared.value.verdict.verdict).toBe(verdict);
    expect(prepared.value.verdict.reasons.find((r) => r.rule === 'schema-change')?.message).toContain(evidence);
  });
});
