import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { openSqliteRolloutStore } from '../../src/adapters/store/sqlite-rollout-store.ts';
import { hostname, userInfo } from 'node:os';
import { recoverRollouts } from '../../src/app/requests/recover-rollouts.ts';
import { CHANNEL, PEOPLE, SLACK_MODES, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import type { FakeSlackThread } from '../support/slack/fake-slack-workspace.ts';
import { actionIds, allText } from '../support/slack/slack-user.ts';
import { ifSet } from '../support/if-set.ts';

type Json = Record<string, unknown>;

describe.each(SLACK_MODES)('the Slack bot against the local cluster (Slack delivers over %s)', (mode) => {
  let h: BotHarness;
  const posts = (): number => h.fake.calls('chat.postMessage').length;
  const lastResponse = (): string => JSON.stringify(h.fake.responses().at(-1)?.args ?? {});

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 3, mode });
    h.cluster.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    h.cluster.addArtifact('com.acme.blog-1.0.0.jar', 'jar v1');
  }, 180_000);

  afterAll(async () => {
    await ifSet(h)?.stop();
  });

  it('answers a signed /liferay with the verdict, the plan and Approve / Reject in the channel', async () => {
    const response = await h.slash('property set session.timeout=30 on prod');
    expect(response.status).toBe(200);
    const message = h.latest();
    expect(message.channel).toBe(CHANNEL);
    expect(allText(message)).toContain('Eligible for a rolling restart');
    expect(allText(message)).toContain('node1 → node2 → node3');
    expect(actionIds(message)).toEqual([ACTION_IDS.approve, ACTION_IDS.reject]);
  });

  // Signatures are HTTP's: a Socket Mode connection is opened with the app token instead (socket-mode-server.test.ts).
  it.runIf(mode === 'http').each([
    ['a forged signature', { forge: true }],
    ['a stale timestamp', { stale: true }],
    ['no signature', { unsigned: true }],
  ])('refuses %s with 401 and posts nothing', async (_name, sign) => {
    const before = posts();
    const response = await h.client.slashCommand({ text: 'property set a.b=c on prod', user_id: PEOPLE.requester, channel_id: CHANNEL }, sign);
    expect(response.status).toBe(401);
    expect(posts()).toBe(before);
  });

  // `/liferay` with no text opens the request form (test/integration/slack-form.test.ts).
  it.each([['help', 'help', 'Usage: /liferay']])('shows the usage for %s, only to the requester', async (_name, text, expected) => {
    // Help is decided by the parser (through submitRequest), so the usage follows the ack as the command's response.
    const before = posts();
    const response = await h.slash(text);
    expect(response.status).toBe(200);
    expect(response.body).toContain('ephemeral');
    expect(lastResponse()).toContain(expected);
    expect(lastResponse()).toContain('ephemeral');
    expect(posts()).toBe(before);
  });

  it.each([
    ['a parse error', 'fixpack instal dxp-14-7110 on prod', 'unknown verb \\"instal\\"'],
    ['an unknown cluster', 'property set a.b=c on nope', 'unknown cluster \\"nope\\"'],
    ['a shell metacharacter', 'module install x;reboot.jar on prod', 'metacharacter'],
    ['a change the cluster cannot take', 'java update 17.0.15 on prod', 'Java 17 is not supported by DXP 7.1'],
  ])('answers %s with a one-line ephemeral error and stores nothing', async (_name, text, expected) => {
    const before = posts();
    const stored = h.deps.store.list({}).length;
    await h.slash(text);
    expect(lastResponse()).toContain(expected);
    expect(lastResponse()).toContain('ephemeral');
    expect(posts()).toBe(before);
    expect(h.deps.store.list({}).length).toBe(stored);
  });

  it('refuses requests from a channel that is not the cluster’s', async () => {
    await h.slash('property set a.b=c on prod', PEOPLE.requester, 'C0RANDOM');
    expect(lastResponse()).toContain('Requests for prod are taken only in <#C0PROD>');
  });

  it('refuses an approver who is not one, and the requester approving their own request', async () => {
    await h.slash('property set session.timeout=31 on prod', PEOPLE.approver);
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.outsider);
    expect(h.ephemeralTo(PEOPLE.outsider).at(-1)).toContain('Only approvers of prod can approve');
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toContain('self-approval is off for prod');
    expect(actionIds(h.fake.message(CHANNEL, message.ts) as FakeSlackThread)).toContain(ACTION_IDS.approve);
  });

  it('refuses an expired approval request', async () => {
    await h.slash('property set session.timeout=32 on prod');
    const message = h.latest();
    const record = h.deps.store.list({ statuses: ['awaiting-approval'], limit: 1 })[0];
    if (record === undefined) throw new Error('no pending request');
    h.deps.store.update(record.id, ['awaiting-approval'], { requestedAt: new Date(Date.now() - 2 * 3600_000).toISOString() });
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toMatch(/expired/i);
    expect(h.deps.store.get(record.id)?.status).toBe('expired');
  });

  it('says on the message when nobody decided within the time-to-live', async () => {
    await h.slash('property set session.timeout=34 on prod');
    const message = h.latest();
    const record = h.deps.store.list({ statuses: ['awaiting-approval'], limit: 1 })[0];
    if (record === undefined) throw new Error('no pending request');
    h.deps.store.update(record.id, ['awaiting-approval'], { requestedAt: new Date(Date.now() - 61 * 60_000).toISOString() });
    expect(await h.bot.sweepExpired()).toBe(1);
    const updated = h.fake.message(CHANNEL, message.ts) as FakeSlackThread;
    expect(allText(updated)).toMatch(/expired/i);
    expect(actionIds(updated)).toEqual([]);
    expect(await h.bot.sweepExpired()).toBe(0);
  });

  it('rejects with a reason given in a modal', async () => {
    await h.slash('property set session.timeout=33 on prod');
    const message = h.latest();
    await h.click(message, ACTION_IDS.reject, PEOPLE.approver);
    const opened = h.fake.calls('views.open').at(-1);
    const view = opened?.args['view'] as Json;
    expect(view['callback_id']).toBe(ACTION_IDS.rejectReasonModal);
    const response = await h.delivery.viewSubmission({
      user: { id: PEOPLE.approver },
      view: {
        callback_id: ACTION_IDS.rejectReasonModal,
        private_metadata: String(view['private_metadata']),
        state: { values: { 'reject-reason': { 'reject-reason-input': { type: 'plain_text_input', value: 'change freeze until Monday' } } } },
      },
    });
    expect(response.status).toBe(200);
    const updated = h.fake.message(CHANNEL, message.ts) as FakeSlackThread;
    expect(allText(updated)).toContain('change freeze until Monday');
    expect(actionIds(updated)).toEqual([]);
  });

  it('asks the requester the schema question and re-evaluates the verdict in place', async () => {
    await h.slash('module install com.acme.blog-1.0.0.jar on prod');
    const message = h.latest();
    expect(allText(message)).toContain('Needs confirmation');
    expect(actionIds(message)).toContain('answer-schema-none');
    expect(actionIds(message)).not.toContain(ACTION_IDS.approve);
    await h.click(message, 'answer-schema-none', PEOPLE.outsider);
    expect(h.ephemeralTo(PEOPLE.outsider).at(-1)).toBeDefined();
    await h.click(message, 'answer-schema-none', PEOPLE.requester);
    const updated = h.fake.message(CHANNEL, message.ts) as FakeSlackThread;
    expect(allText(updated)).toContain('Eligible for a rolling restart');
    expect(actionIds(updated)).toContain(ACTION_IDS.approve);
  });

  it('asks again when the plan changed since the message was posted (artifact replaced)', async () => {
    await h.slash('module install com.acme.blog-1.0.0.jar on prod --schema none');
    const message = h.latest();
    h.cluster.addArtifact('com.acme.blog-1.0.0.jar', 'jar v1, rebuilt');
    const before = posts();
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    expect(allText(h.fake.message(CHANNEL, message.ts) as FakeSlackThread)).toMatch(/superseded|changed/i);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toMatch(/^⚠️ Not approved: the plan changed since the verdict \(facts read \d+ s ago\); the request was evaluated again, see the new message/);
    expect(posts()).toBe(before + 1);
    expect(actionIds(h.latest())).toContain(ACTION_IDS.approve);
    expect(h.latest().ts).not.toBe(message.ts);
  });

  it('approve -> the rollout runs on the cluster, the message becomes the status board, the thread has every step in order', async () => {
    await h.slash('property set session.timeout=35 on prod');
    const waiting = h.latest();
    await h.slash('fixpack install dxp-14-7110 on prod');
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.groupApprover);
    // One rollout per cluster at a time: a second approval while this one runs is refused.
    await h.click(waiting, ACTION_IDS.approve, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toContain('prod is busy');
    const approved = h.fake.message(CHANNEL, message.ts) as FakeSlackThread;
    // Decided: no Approve or Reject any more (the board offers Pause and Abort while it runs).
    expect(actionIds(approved)).not.toContain(ACTION_IDS.approve);
    expect(actionIds(approved)).not.toContain(ACTION_IDS.reject);
    await h.bot.idle();
    const board = h.fake.channelHistory(CHANNEL).find((m) => m.ts === message.ts);
    if (board === undefined) throw new Error('board gone');
    expect(allText(board)).toContain('node1 ✅ verified');
    expect(allText(board)).toContain('node3 ✅ verified');
    const thread = board.replies.map((r) => r.text).join('\n');
    const order = ['Rollout started', '*node1* is healthy', '✓ stopped', '*node2* is healthy', '*node3* is healthy', 'is done'].map((s) => thread.indexOf(s));
    expect(board.replies.length).toBeLessThanOrEqual(3 + 4);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(board.replies.at(-1)?.text).toContain(`<@${PEOPLE.requester}>`);
    // a second click does nothing but explain
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    expect(h.ephemeralTo(PEOPLE.approver).at(-1)).toMatch(/already/i);
    for (const node of h.cluster.local.nodes) expect((await h.cluster.local.readState(node.name)).patches).toContain('dxp-14-7110');
    const record = h.deps.store.list({ statuses: ['succeeded'], limit: 1 })[0];
    expect(h.deps.store.auditTrail(record?.id ?? '').map((a) => `${a.actor}:${a.action}`)).toEqual([
      `${PEOPLE.requester}:requested`,
      `${PEOPLE.groupApprover}:approved`,
      'bot:rollout succeeded',
      `${PEOPLE.approver}:approval refused`,
    ]);
  });

  it('offers an ineligible change only as a clearly marked full shutdown, and runs it: all down, first alone, then the rest', async () => {
    await h.slash('java update 11.0.22 on prod');
    const message = h.latest();
    expect(allText(message)).toContain('Not eligible for a rolling restart');
    expect(actionIds(message)).toEqual([ACTION_IDS.approveFullShutdown, ACTION_IDS.reject]);
    await h.click(message, ACTION_IDS.approveFullShutdown, PEOPLE.approver);
    await h.bot.idle();
    const record = h.deps.store.list({ limit: 1 })[0];
    expect(record?.status).toBe('succeeded');
    const started = h.deps.store.events(record?.id ?? '').flatMap((e) => (e.type === 'StepStarted' && /\/(stop|start)$/.test(e.stepId) ? [e.stepId] : []));
    expect(started).toEqual(['node1/stop', 'node2/stop', 'node3/stop', 'node1/start', 'node2/start', 'node3/start']);
    for (const node of h.cluster.local.nodes) expect((await h.cluster.local.readState(node.name)).javaHome).toBe(h.cluster.jdks['11']);
  });

  it('lists the history and what is open, with who asked and who decided', async () => {
    await h.slash('history prod');
    const history = lastResponse();
    expect(history).toContain('Latest requests on prod');
    expect(history).toContain('java update 11.0.22 on prod');
    expect(history).toContain(`approved by <@${PEOPLE.approver}>`);
    await h.slash('status');
    expect(lastResponse()).toContain('Open and running requests');
    // Where the nodes are now: a fresh look over SSH and HTTP, not the stored events.
    expect(lastResponse()).toContain('*Nodes of prod now*');
    expect(lastResponse()).toMatch(/✅ node1: running, healthy \(patches: dxp-1[34]-7110; Java: /);
    await h.cluster.local.stopSsh('node3');
    try {
      await h.slash('status prod');
      expect(lastResponse()).toMatch(/❔ node3: unreachable/);
    } finally {
      await h.cluster.local.startSsh('node3');
    }
  });

  it('keeps every rollout and its events across a restart, and reports one that was running as interrupted', async () => {
    const finished = h.deps.store.list({ statuses: ['succeeded'], limit: 1 })[0];
    if (finished === undefined) throw new Error('no finished rollout');
    const reopened = openSqliteRolloutStore(h.dbPath);
    try {
      expect(reopened.get(finished.id)?.status).toBe('succeeded');
      expect(reopened.events(finished.id).at(-1)?.type).toBe('RolloutDone');
    } finally {
      reopened.close();
    }
    // A rollout the previous process of this bot was running when it died (its pid is gone):
    const at = new Date().toISOString();
    const running = { ...finished, id: 'req-was-running', status: 'awaiting-approval' as const, updatedAt: at };
    h.deps.store.create(running);
    const dead = `bot:${userInfo().username}@${hostname()}:999999`;
    const claimed = h.deps.store.claim(running.id, ['awaiting-approval'], { status: 'running' }, { owner: dead, until: Date.now() + 3_600_000, now: Date.now() });
    expect(claimed.ok).toBe(true);
    h.deps.store.appendEvent(running.id, { type: 'RolloutStarted', at, planHash: finished.plan?.hash ?? '', nodes: ['node1', 'node2', 'node3'] });
    h.deps.store.appendEvent(running.id, { type: 'StepStarted', at, stepId: 'node2/stop', kind: 'stop', purpose: 'rollout', node: 'node2', title: 'stop node2' });
    const recovered = recoverRollouts(h.deps);
    expect(recovered.map((r) => r.record.id)).toEqual(['req-was-running']);
    await Promise.all(recovered.map((r) => r.run));
    await h.deps.notifier.flush('req-was-running');
    // The nodes already run the change (this java update finished earlier): recovery finds that, checks the gates and finishes.
    expect(h.deps.store.get('req-was-running')?.status).toBe('succeeded');
    expect(h.deps.store.locks().find((l) => l.rolloutId === 'req-was-running')).toBeUndefined();
    const thread = h.fake.channelHistory(CHANNEL).find((m) => m.ts === finished.messageTs)?.replies ?? [];
    const text = thread.map((r) => r.text).join('\n');
    expect(text).toMatch(/The bot restarted while this rollout ran: the run that carried it out .* is gone; it stopped during node2's stop step/s);
    expect(text).toMatch(/node2\* now: running and healthy; has the change/);
  });
});
