import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import type { RolloutRecord } from '../../src/app/rollout-record.ts';
import { CHANNEL, PEOPLE, SLACK_MODES, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import type { FakeSlackThread } from '../support/slack/fake-slack-workspace.ts';
import { actionIds, allText } from '../support/slack/slack-user.ts';
import { waitUntil } from '../support/local-cluster/wait-until.ts';
import { ifSet } from '../support/if-set.ts';


/**
 * A rollout that stopped halfway is finished from Slack: the status board offers Resume, Retry,
 * Roll back and Leave as is to the cluster's approvers, each recorded with its actor, over signed
 * requests (and again over Socket Mode envelopes) against the real Bolt app and a 3-node cluster
 * behind real SSH servers.
 */
describe.each(SLACK_MODES)('finishing a stopped rollout from Slack (delivered over %s)', (mode) => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 3, mode });
    h.cluster.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    h.cluster.addArtifact('liferay-hotfix-77-7110.zip', 'hotfix 77');
    h.cluster.addArtifact('liferay-hotfix-78-7110.zip', 'hotfix 78');
  }, 180_000);

  afterAll(async () => {
    await ifSet(h)?.stop();
  });

  const board = (ts: string): FakeSlackThread => {
    const message = h.fake.channelHistory(CHANNEL).find((m) => m.ts === ts);
    if (message === undefined) throw new Error(`no message ${ts}`);
    return message;
  };
  const thread = (ts: string): string => board(ts).replies.map((r) => r.text).join('\n');
  const recordOf = (ts: string): RolloutRecord => {
    const record = h.deps.store.list({}).find((r) => r.messageTs === ts);
    if (record === undefined) throw new Error(`no record for ${ts}`);
    return record;
  };
  const patchesOf = async (node: string): Promise<readonly string[]> => (await h.cluster.local.readState(node)).patches;
  const stopsOf = (id: string): string[] => h.deps.store.events(id).flatMap((e) => (e.type === 'StepStarted' && e.kind === 'stop' ? [e.node] : []));

  /** Requests `text`, approves it and waits until the run has ended; node2's Patching Tool install fails once when `failOnNode2`. */
  async function runFailingOnNode2(text: string): Promise<FakeSlackThread> {
    await h.cluster.local.setFaults('node2', { patchInstallFails: 'ERROR: simulated corrupt patch file', patchInstallFailsTimes: 1 });
    await h.slash(text);
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(message.ts).status).toBe('failed');
    return board(message.ts);
  }

  it('after a failed node 2: Retry node runs node 2 again and holds; Resume finishes; a non-approver is refused', async () => {
    const failed = await runFailingOnNode2('fixpack install dxp-14-7110 on prod');
    expect(actionIds(failed)).toEqual([ACTION_IDS.controlResume, ACTION_IDS.controlRetry, ACTION_IDS.controlRollback, ACTION_IDS.controlLeave]);
    expect(allText(failed)).toContain('Retry node2');
    expect(allText(failed)).toContain('*Where things stand:* node1 updated and healthy; node2 put back as it was and healthy; node3 untouched');
    // The cluster is held for a decision: another request is answered with the rollout that holds it, not posted.
    const before = h.latest().ts;
    await h.slash('hotfix install hotfix-77-7110 on prod');
    expect(JSON.stringify(h.fake.responses().at(-1)?.args)).toMatch(/prod is busy: `fixpack install dxp-14-7110 on prod`.*is failed and waits for a decision.*See it with \/liferay status prod/);
    expect(h.latest().ts).toBe(before);

    await h.click(failed, ACTION_IDS.controlRetry, PEOPLE.outsider);
    expect(h.ephemeralTo(PEOPLE.outsider).at(-1)).toContain('Only approvers of prod can retry the node');
    await h.click(failed, ACTION_IDS.controlRetry, PEOPLE.approver);
    await h.bot.idle();
    const id = recordOf(failed.ts).id;
    expect(recordOf(failed.ts).status).toBe('paused');
    expect([await patchesOf('node1'), await patchesOf('node2'), await patchesOf('node3')]).toEqual([['dxp-14-7110'], ['dxp-14-7110'], ['dxp-13-7110']]);
    expect(actionIds(board(failed.ts))).toEqual([ACTION_IDS.controlResume, ACTION_IDS.controlRollback, ACTION_IDS.controlLeave]);

    await h.click(board(failed.ts), ACTION_IDS.controlResume, PEOPLE.groupApprover);
    await h.bot.idle();
    expect(recordOf(failed.ts).status).toBe('succeeded');
    for (const node of ['node1', 'node2', 'node3']) expect(await patchesOf(node)).toEqual(['dxp-14-7110']);
    // node1 was stopped once (the first run); node2 twice (its failed try and the retry); node3 once.
    expect(stopsOf(id).filter((n) => n === 'node1')).toHaveLength(1);
    expect(stopsOf(id).filter((n) => n === 'node3')).toHaveLength(1);
    expect(actionIds(board(failed.ts))).toEqual([]);
    expect(thread(failed.ts)).toContain('Retrying node2');
    expect(thread(failed.ts)).toMatch(/Resuming from node3 \(asked by <@U0GROUPIE>\)/);
    expect(h.deps.store.auditTrail(id).map((a) => `${a.actor}:${a.action}`)).toEqual([
      `${PEOPLE.requester}:requested`,
      `${PEOPLE.approver}:approved`,
      'bot:rollout failed',
      `${PEOPLE.outsider}:retry refused`,
      `${PEOPLE.approver}:retry`,
      'bot:rollout paused',
      `${PEOPLE.groupApprover}:resume`,
      'bot:rollout succeeded',
    ]);
    expect(h.deps.store.locks()).toEqual([]);
  });

  it('after a failed node 2: Roll back puts node 1 back as it was, and the cluster is free again', async () => {
    const failed = await runFailingOnNode2('hotfix install hotfix-77-7110 on prod');
    expect(allText(failed)).toContain('Roll back 1 node');
    await h.click(failed, ACTION_IDS.controlRollback, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(failed.ts).status).toBe('rolled-back');
    for (const node of ['node1', 'node2', 'node3']) expect(await patchesOf(node)).toEqual(['dxp-14-7110']);
    for (const node of h.cluster.local.nodes) expect(h.cluster.local.isRunning(node.name)).toBe(true);
    expect(thread(failed.ts)).toMatch(/\*node1\*[^]*rolled back from its backup and healthy/);
    expect(allText(board(failed.ts))).toContain('Rolled back');
    expect(h.deps.store.locks()).toEqual([]);
    // A second click on the old button only explains.
    await h.click(failed, ACTION_IDS.controlRollback, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toMatch(/This rollout is rolled-back: it cannot roll back the changed nodes now/);
  });

  it('after a failed node 2: Leave as is frees the cluster, and a new request finishes the mixed cluster on the nodes that still need it', async () => {
    const failed = await runFailingOnNode2('hotfix install hotfix-78-7110 on prod');
    await h.click(failed, ACTION_IDS.controlLeave, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(failed.ts).status).toBe('left-as-is');
    expect(h.deps.store.locks()).toEqual([]);
    expect(thread(failed.ts)).toMatch(/Left as it is by <@U0APPROVER>/);
    expect(await patchesOf('node1')).toContain('hotfix-78-7110');
    expect(await patchesOf('node2')).not.toContain('hotfix-78-7110');

    await h.slash('hotfix install hotfix-78-7110 on prod');
    const again = h.latest();
    expect(allText(again)).toContain('node1');
    const record = recordOf(again.ts);
    expect(record.plan?.nodes).toEqual(['node2', 'node3']);
    expect(record.plan?.skipped.map((s) => s.node)).toEqual(['node1']);
    await h.click(again, ACTION_IDS.approve, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(again.ts).status).toBe('succeeded');
    for (const node of ['node1', 'node2', 'node3']) expect(await patchesOf(node)).toContain('hotfix-78-7110');
    expect(stopsOf(record.id)).toEqual(['node2', 'node3']);
  });

  it('while it runs: Pause after this node stops once node 1 is back; Abort during node 2 brings node 2 back up first; Resume finishes', async () => {
    await h.slash('property set controls.test=1 on prod');
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    const id = recordOf(message.ts).id;
    const startedOn = (stepId: string): boolean => h.deps.store.events(id).some((e) => e.type === 'StepStarted' && e.stepId === stepId);
    await waitUntil(() => startedOn('node1/stop') || undefined, { timeoutMs: 30_000, what: 'node1 stopping' });
    await h.click(board(message.ts), ACTION_IDS.controlPause, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toContain('Pause asked');
    await h.bot.idle();
    expect(recordOf(message.ts).status).toBe('paused');
    expect(stopsOf(id)).toEqual(['node1']);
    expect(thread(message.ts)).toMatch(/Paused: it stops after the node in progress is back up \(asked by <@U0APPROVER>\)/);

    await h.click(board(message.ts), ACTION_IDS.controlResume, PEOPLE.approver);
    await waitUntil(() => startedOn('node2/stop') || undefined, { timeoutMs: 30_000, what: 'node2 stopping' });
    await h.click(board(message.ts), ACTION_IDS.controlAbort, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(message.ts).status).toBe('paused');
    for (const node of h.cluster.local.nodes) expect(h.cluster.local.isRunning(node.name), `${node.name} running`).toBe(true);
    expect(stopsOf(id).filter((n) => n === 'node3')).toEqual([]);
    expect(thread(message.ts)).toMatch(/Aborted: it stops now, after bringing the node in progress back up \(asked by <@U0APPROVER>\)/);

    await h.click(board(message.ts), ACTION_IDS.controlResume, PEOPLE.approver);
    await h.bot.idle();
    expect(recordOf(message.ts).status).toBe('succeeded');
    for (const node of h.cluster.local.nodes) expect((await h.cluster.local.readState(node.name)).portalExt['controls.test']).toBe('1');
    const actions = h.deps.store.auditTrail(id).map((a) => a.action);
    expect(actions).toEqual(['requested', 'approved', 'pause', 'rollout paused', 'resume', 'abort', 'rollout paused', 'resume', 'rollout succeeded']);
  });
});
