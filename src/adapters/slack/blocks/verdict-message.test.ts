import { describe, expect, it } from 'vitest';
import { aRequest, aRolloutPlan, aVerdict } from '../../../../test/builders/a-rollout-plan.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { Question } from '../../../domain/eligibility/verdict.ts';
import type { MaintenanceRequest } from '../../../domain/request/maintenance-request.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { decodeAnswerValue, decodeDecisionValue } from './button-values.ts';
import type { ExpectedDuration } from '../../../app/requests/expected-duration.ts';
import type { Block, SlackMessage } from './slack-message.ts';
import { approversAskedReply, verdictMessage, type ApproversShown, type VerdictMessageInput } from './verdict-message.ts';

const REQUEST_ID = 'req-42';

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => value as Json;
const actionBlocks = (m: SlackMessage): Json[] => m.blocks.filter((b: Block) => b.type === 'actions').map(asJson);
const buttons = (m: SlackMessage): Json[] => actionBlocks(m).flatMap((b) => b.elements as Json[]);
/** Buttons beside a section's text (Show plan). */
const accessories = (m: SlackMessage): Json[] => m.blocks.flatMap((b) => (b.type === 'section' && b.accessory !== undefined ? [asJson(b.accessory)] : []));
const everyButton = (m: SlackMessage): Json[] => [...buttons(m), ...accessories(m)];
const lastContext = (m: SlackMessage): string => JSON.stringify(m.blocks.at(-1));
const labelOf = (b: Json): string => String((b.text as Json).text);
const buttonById = (m: SlackMessage, id: string): Json | undefined => buttons(m).find((b) => b.action_id === id);
const content = (m: SlackMessage): string => JSON.stringify(m.blocks);

function expectValid(message: SlackMessage): void {
  expect(validateSlackMessage(message)).toEqual([]);
  expect(message.text.length).toBeLessThanOrEqual(4000);
}

const input = (overrides: Partial<VerdictMessageInput> = {}): VerdictMessageInput => ({
  requestId: REQUEST_ID,
  requestedBy: 'U1',
  verdict: aVerdict().build(),
  plan: aRolloutPlan().build(),
  ...overrides,
});

const APPROVERS: ApproversShown = { userIds: ['U2', 'U3'], groupIds: ['S1'], notify: 'mention', allowSelfApproval: false };
const HISTORY: ExpectedDuration = { basis: 'history', cluster: 'prod', nodes: 3, perNodeMs: 280_000, totalMs: 840_000, samples: 5 };

const question = (topic: Question['topic'], subjects: readonly string[] = ['x']): Question => ({ topic, text: `question about ${topic}?`, subjects });

describe('verdictMessage: eligible, at a glance', () => {
  const plan = aRolloutPlan().build();
  const message = verdictMessage(input({ plan, approvers: APPROVERS, duration: HISTORY }));
  const shown = content(message);

  it('is valid', () => expectValid(message));

  it.each([
    ['the header: the change and the cluster', '🔧 Fix pack dxp-17-7110 → prod'],
    ['the verdict line', '✅ *Eligible for a rolling restart*'],
    ['the reason with its rule and mark', '✓ `fixpack-target`: dxp-17-7110 is revertible'],
    ['the order', '*Order:* node1 → node2 → node3, one at a time'],
    ['the duration learned from past rollouts', '*Duration:* about 14 min (4m 40s a node, the median of the last 5 rollouts on prod)'],
    ['what users notice', '*Users notice:* little: the site stays up on the other nodes'],
    ['who is asked to approve, as mentions', '🙋 *Asked to approve:* <@U2>, <@U3>, <!subteam^S1>'],
    ['who asked and the equivalent command line', '*Requested by* <@U1> · `/liferay fixpack install dxp-17-7110 on prod`'],
    ['the request id and the short plan hash', `Request \`req-42\` · plan \`${plan.hash.slice(0, 12)}\``],
    ['the approval rule', 'an approver other than <@U1> approves within 60 min (no one approves their own request)'],
  ])('shows %s', (_name, text) => {
    expect(shown).toContain(JSON.stringify(text).slice(1, -1));
  });

  it('keeps the plan\'s steps out of the message (they are behind Show plan)', () => {
    for (const step of ['stop node1 (force after 120 s)', 'connect to node1', 'liferay-fix-pack-dxp-17-7110.zip', '*Then node by node*']) expect(shown).not.toContain(step);
    const glance = message.blocks.find((b) => b.type === 'section' && JSON.stringify(b).includes('*Order:*'));
    expect(JSON.stringify(glance).split('\\n')).toHaveLength(3);
  });

  it('has Show plan beside the glance, and Approve (primary) and Reject (no danger) below, carrying the request id and the plan hash', () => {
    expect(accessories(message)).toMatchObject([{ action_id: ACTION_IDS.showPlan, text: { text: 'Show plan' } }]);
    const [decision] = actionBlocks(message);
    expect(decision?.block_id).toBe(BLOCK_IDS.decision);
    const approve = buttonById(message, ACTION_IDS.approve);
    const reject = buttonById(message, ACTION_IDS.reject);
    expect(approve).toMatchObject({ style: 'primary', text: { text: 'Approve' } });
    expect(approve).not.toHaveProperty('confirm');
    expect(reject).toMatchObject({ text: { text: 'Reject' } });
    expect(reject).not.toHaveProperty('style');
    for (const b of [approve, reject, accessories(message)[0]]) expect(decodeDecisionValue(b?.value)).toEqual({ requestId: REQUEST_ID, planHash: plan.hash, strategy: 'rolling' });
    expect(buttonById(message, ACTION_IDS.approveFullShutdown)).toBeUndefined();
  });

  it('puts the verdict and the approvers asked in the notification text', () => {
    expect(message.text).toBe('fixpack install dxp-17-7110 on prod, requested by <@U1>: eligible for a rolling restart · approval asked of <@U2>, <@U3>, <!subteam^S1>');
  });

  it('marks user text verbatim (Slack adds no links or mentions of its own)', () => {
    const verbatim = (needle: string): unknown => JSON.stringify(message.blocks.find((b) => JSON.stringify(b).includes(needle)));
    for (const needle of ['fixpack-target', '*Order:*', '*Requested by*']) expect(verbatim(needle)).toContain('"verbatim":true');
  });

  it('says when the cluster has no past rollouts, with the flat estimate', () => {
    const m = verdictMessage(input({ plan }));
    expect(content(m)).toContain('*Duration:* about 18 min: no past rollouts on prod, so about 6 min a node (estimate)');
  });

  it.each([
    ['under a minute', { ...HISTORY, perNodeMs: 3_000, totalMs: 9_000, samples: 1 }, '*Duration:* under a minute (3s a node, from the last rollout on prod)'],
    ['hours', { ...HISTORY, perNodeMs: 40 * 60_000, totalMs: 120 * 60_000 }, '*Duration:* about 120 min (40m a node, the median of the last 5 rollouts on prod)'],
  ])('shows a learned duration of %s', (_name, duration, text) => {
    expect(content(verdictMessage(input({ plan, duration })))).toContain(text);
  });

  it('says what users notice when the load balancer takes each node out', () => {
    expect(content(verdictMessage(input({ plan: aRolloutPlan().withHooks().build() })))).toContain('*Users notice:* little: each node leaves the load balancer before it stops');
  });
});

describe('verdictMessage: approvers asked, by the cluster\'s notify', () => {
  it.each([
    ['mention', { notify: 'mention' }, '🙋 *Asked to approve:* <@U2>, <@U3>, <!subteam^S1>', true],
    ['dm (users also get a direct message; the message names them too)', { notify: 'dm' }, '🙋 *Asked to approve:* <@U2>, <@U3>, <!subteam^S1>', true],
    ['none, with names: plain text, no mention', { notify: 'none', names: { U2: 'li', U3: 'ana' } }, '🙋 *May approve* (not notified): @li, @ana, group S1', false],
    ['none, a name unknown: its id', { notify: 'none', names: { U2: 'li' } }, '🙋 *May approve* (not notified): @li, @U3, group S1', false],
  ] as const)('%s', (_name, overrides, line, mentions) => {
    const m = verdictMessage(input({ approvers: { ...APPROVERS, ...overrides } }));
    expectValid(m);
    expect(content(m)).toContain(line);
    expect(content(m).includes('<@U2>')).toBe(mentions);
    expect(m.text.includes('<@U2>')).toBe(mentions);
    expect(m.text.includes('<!subteam^S1>')).toBe(mentions);
  });

  it('never lets a resolved name become markup', () => {
    const m = verdictMessage(input({ approvers: { ...APPROVERS, notify: 'none', names: { U2: '<!channel> & co' } } }));
    expect(content(m)).toContain('@&lt;!channel&gt; &amp; co');
    expect(content(m)).not.toContain('<!channel>');
  });

  it('says nobody may approve from Slack when the inventory names no approvers', () => {
    const m = verdictMessage(input({ approvers: { ...APPROVERS, userIds: [], groupIds: [] } }));
    expect(content(m)).toContain('🙋 Nobody may approve prod from Slack: the inventory names no approvers for it');
    expect(m.text).not.toContain('approval asked');
  });

  it('lists at most 10 users and 10 groups, then how many more', () => {
    const many = { ...APPROVERS, userIds: Array.from({ length: 14 }, (_, i) => `U${i}X`), groupIds: Array.from({ length: 12 }, (_, i) => `S${i}X`) };
    const m = verdictMessage(input({ approvers: many }));
    expectValid(m);
    expect(content(m)).toContain('<!subteam^S9X> and 6 more');
    expect(content(m)).not.toContain('<@U10X>');
  });

  it.each([
    ['self-approval off', false, 'an approver other than <@U1> approves within 60 min (no one approves their own request)'],
    ['self-approval on', true, 'any approver approves within 60 min, <@U1> included (self-approval is on)'],
  ])('the footer honours %s', (_name, allowSelfApproval, rule) => {
    const m = verdictMessage(input({ approvers: { ...APPROVERS, allowSelfApproval }, approvalTtlMinutes: 60 }));
    expect(lastContext(m)).toContain(rule);
  });
});

describe('verdictMessage: nothing to approve: no approvers asked, no approval footer, no decision buttons', () => {
  const cases: ReadonlyArray<[string, VerdictMessageInput, readonly string[]]> = [
    ['ineligible, no full-shutdown plan', input({ verdict: aVerdict().ineligible().build(), plan: undefined, planProblem: 'no JDK for Java 17' }), []],
    ['eligible, no plan (artifact missing)', input({ plan: undefined, planProblem: 'liferay-fix-pack-dxp-17-7110.zip not found in the artifact folder' }), []],
    ['an error verdict', input({ verdict: { type: 'error', rule: 'patch-build', message: 'dxp-2-7210 is built for DXP 7.2', request: aRequest() }, plan: undefined }), []],
    ['a dry run', input({ verdict: aVerdict().forRequest('fixpack install dxp-17-7110 on prod --dry-run').build() }), [ACTION_IDS.showPlan]],
    ['a question to answer first (the requester may withdraw)', input({ verdict: aVerdict().asking(question('facts')).build(), plan: undefined }), [ACTION_IDS.reject]],
  ];

  it.each(cases)('%s', (_name, messageInput, left) => {
    const m = verdictMessage({ ...messageInput, approvers: APPROVERS, production: true });
    expectValid(m);
    expect(everyButton(m).map((b) => b.action_id)).toEqual(left);
    expect(content(m)).not.toContain('approves within');
    expect(content(m)).not.toContain('Asked to approve');
    expect(m.text).not.toContain('<@U2>');
  });

  it('says why there is no plan', () => {
    const m = verdictMessage(input({ verdict: aVerdict().ineligible().build(), plan: undefined, planProblem: 'no JDK for Java 17' }));
    expect(content(m)).toContain('No full-shutdown plan: no JDK for Java 17');
  });
});

describe('verdictMessage: production', () => {
  it.each([
    ['a production cluster: Approve asks first', true],
    ['not production: Approve goes straight on', false],
  ])('%s', (_name, production) => {
    const m = verdictMessage(input({ production, duration: HISTORY }));
    expectValid(m);
    const approve = buttonById(m, ACTION_IDS.approve);
    if (!production) {
      expect(approve).not.toHaveProperty('confirm');
      return;
    }
    expect(approve).toMatchObject({
      style: 'primary',
      confirm: {
        title: { text: 'Roll out on prod?' },
        text: { text: 'prod is production. Fix pack dxp-17-7110: node1 → node2 → node3, one node at a time, about 14 min.' },
        confirm: { text: 'Yes, roll out' },
        deny: { text: 'Cancel' },
      },
    });
    expect(approve?.confirm).not.toHaveProperty('style');
  });
});

describe('verdictMessage: dry run', () => {
  const dry = (text: string): MaintenanceRequest => aRequest(text);
  it.each([
    ['eligible, rolling plan', aVerdict().withRequest(dry('fixpack install dxp-17-7110 on prod --dry-run')).build(), aRolloutPlan().build(), '/liferay fixpack install dxp-17-7110 on prod'],
    ['ineligible, full-shutdown plan', aVerdict().ineligible().withRequest(dry('fixpack install dxp-17-7110 on prod --dry-run')).build(), aRolloutPlan().fullShutdown().build(), '/liferay fixpack install dxp-17-7110 on prod'],
    ['eligible, no plan', aVerdict().withRequest(dry('module update x.jar on prod --schema none --dry-run')).build(), undefined, '/liferay module update x.jar on prod --schema none'],
  ])('%s: shows verdict and plan at a glance, only Show plan, and how to run it for real', (_name, verdict, plan, real) => {
    const m = verdictMessage(input({ verdict, plan }));
    expectValid(m);
    expect(buttons(m)).toEqual([]);
    expect(accessories(m).map((b) => b.action_id)).toEqual(plan === undefined ? [] : [ACTION_IDS.showPlan]);
    expect(content(m)).toContain('🧪 *Dry run*: nothing is changed and there is nothing to approve');
    expect(content(m)).toContain(`ask again without \`--dry-run\`: \`${real}\``);
    expect(content(m)).toContain('(dry run)');
    expect(content(m)).not.toContain('approves within');
    if (plan !== undefined) expect(content(m)).toContain('*Order:*');
  });

  it('still lets the requester answer questions of a dry run', () => {
    const verdict = aVerdict().asking(question('schema')).withRequest(aRequest('module update x.jar on prod --dry-run')).build();
    const m = verdictMessage(input({ verdict, plan: undefined }));
    expectValid(m);
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION_IDS.answerSchemaNone, ACTION_IDS.answerSchemaCompatible, ACTION_IDS.answerSchemaBreaking]);
  });
});

describe('verdictMessage: ineligible, with a full-shutdown plan', () => {
  const plan = aRolloutPlan().fullShutdown().build();
  const message = verdictMessage(input({ verdict: aVerdict().ineligible().build(), plan, approvers: APPROVERS }));

  it('is valid', () => expectValid(message));

  it.each([
    ['the headline', '⛔ *Not eligible for a rolling restart*'],
    ['the blocking reason', '✗ `fixpack-target`: dxp-17-7110 is non-revertible'],
    ['the advice', '· `full-shutdown`'],
    ['the order', '*Order:* ⚠️ all 3 nodes down together (node1, node2, node3), then node1 starts alone and the others follow'],
    ['what users notice', '*Users notice:* ⚠️ the site is down from the first stop until node1 is back: about 18 min'],
    ['the warning', '*A full shutdown needs its own approval.*'],
    ['the approvers asked', '🙋 *Asked to approve:* <@U2>, <@U3>, <!subteam^S1>'],
  ])('shows %s', (_name, text) => {
    expect(content(message)).toContain(text);
  });

  it('offers only a clearly marked full-shutdown approval, always with a confirm dialog, and a plain Reject', () => {
    expect(buttonById(message, ACTION_IDS.approve)).toBeUndefined();
    const button = buttonById(message, ACTION_IDS.approveFullShutdown);
    expect(button).toMatchObject({
      style: 'danger',
      text: { type: 'plain_text', text: 'Approve full shutdown' },
      confirm: { title: { text: 'Take all of prod down?' }, confirm: { text: 'Yes, shut down all nodes' }, deny: { text: 'Cancel' }, style: 'danger' },
    });
    expect(buttonById(message, ACTION_IDS.reject)).not.toHaveProperty('style');
    expect(decodeDecisionValue(button?.value)).toEqual({ requestId: REQUEST_ID, planHash: plan.hash, strategy: 'full-shutdown' });
    expect(actionBlocks(message).map((b) => b.block_id)).toEqual([BLOCK_IDS.fullShutdownDecision]);
  });
});

describe('verdictMessage: button and header texts stay short', () => {
  const longCluster = `c${'x'.repeat(62)}`;
  const longRequest: MaintenanceRequest = { ...aRequest(), cluster: longCluster };
  const cases: ReadonlyArray<[string, VerdictMessageInput]> = [
    ['eligible on production', input({ production: true })],
    ['a full shutdown', input({ verdict: aVerdict().ineligible().build(), plan: aRolloutPlan().fullShutdown().build() })],
    ['a full shutdown of a 63-character cluster', input({ verdict: aVerdict().ineligible().withRequest(longRequest).build(), plan: aRolloutPlan().withRequest(longRequest).fullShutdown().build() })],
    ['every question', input({ verdict: aVerdict().asking(question('schema'), question('revertible'), question('java-major', ['21'])).build(), plan: undefined })],
  ];

  it.each(cases)('%s: every button within 30 characters, the header within 150', (_name, messageInput) => {
    const m = verdictMessage(messageInput);
    expectValid(m);
    expect(everyButton(m).length).toBeGreaterThan(0);
    for (const b of everyButton(m)) expect(labelOf(b).length).toBeLessThanOrEqual(30);
    const headerText = asJson(m.blocks[0]).text as Json;
    expect(String(headerText.text).length).toBeLessThanOrEqual(150);
  });

  it('cuts a long change, never the cluster, in the header', () => {
    const request: MaintenanceRequest = { kind: 'property', action: 'set', settings: [{ key: `com.acme.${'k'.repeat(200)}`, value: 'v' }], cluster: longCluster, dryRun: false };
    const m = verdictMessage(input({ verdict: aVerdict().withRequest(request).build(), plan: undefined }));
    const headerText = String((asJson(m.blocks[0]).text as Json).text);
    expect(headerText.length).toBeLessThanOrEqual(150);
    expect(headerText).toMatch(new RegExp(`^🔧 Property com\\.acme\\.k+… → ${longCluster}$`));
  });
});

describe('verdictMessage: a cluster where some nodes already have the change', () => {
  it.each([
    ['rolling', aRolloutPlan().skipping('node1'), '*Order:* node2 → node3, one at a time (node1 already done, left as it is)'],
    ['full shutdown', aRolloutPlan().fullShutdown().skipping('node1'), '*Order:* ⚠️ all 3 nodes down together (node1, node2, node3)'],
  ] as const)('%s: the order says which nodes it touches', (_name, builder, text) => {
    const plan = builder.build();
    const verdict = plan.strategy === 'rolling' ? aVerdict().build() : aVerdict().ineligible().build();
    const m = verdictMessage(input({ verdict, plan }));
    expectValid(m);
    expect(content(m)).toContain(text);
  });

  it('stays within Slack limits with many skipped nodes', () => {
    const builder = aRolloutPlan().withNodes(60);
    for (let i = 1; i < 60; i += 1) builder.skipping(`node${i}`, `already has dxp-17-7110 ${'and more '.repeat(30)}`);
    const m = verdictMessage(input({ plan: builder.build() }));
    expectValid(m);
    expect(content(m)).toContain('*Order:* node60, one at a time (node1, node2, node3, node4, node5 … and 54 more already done, left as they are)');
  });
});

describe('verdictMessage: needs-confirmation', () => {
  it.each([
    ['schema', [ACTION_IDS.answerSchemaNone, ACTION_IDS.answerSchemaCompatible, ACTION_IDS.answerSchemaBreaking], ['No schema change', 'Backward-compatible', 'Breaking'], ['none', 'compatible', 'breaking']],
    ['revertible', [ACTION_IDS.answerRevertibleYes, ACTION_IDS.answerRevertibleNo], ['Yes, revertible', 'No'], ['yes', 'no']],
    ['java-major', [ACTION_IDS.answerJavaMajorYes, ACTION_IDS.answerJavaMajorNo], ['Yes, they run Java 17', 'No'], ['yes', 'no']],
    ['facts', [], [], []],
  ] as const)('asks a %s question with its answer buttons', (topic, ids, labels, answers) => {
    const m = verdictMessage(input({ verdict: aVerdict().asking(question(topic, topic === 'java-major' ? ['17'] : ['x'])).build(), plan: undefined }));
    expectValid(m);
    expect(content(m)).toContain('❓ *Needs confirmation*');
    expect(content(m)).toContain(`❓ *question about ${topic}?*`);
    const answerBlock = actionBlocks(m).find((b) => b.block_id === `${BLOCK_IDS.answerPrefix}0`);
    const answerButtons = (answerBlock?.elements as Json[] | undefined) ?? [];
    expect(answerButtons.map((b) => b.action_id)).toEqual(ids);
    expect(answerButtons.map((b) => (b.text as Json).text)).toEqual(labels);
    expect(answerButtons.map((b) => decodeAnswerValue(b.value))).toEqual(answers.map((answer) => ({ requestId: REQUEST_ID, question: 0, topic, answer })));
    expect(buttonById(m, ACTION_IDS.approve)).toBeUndefined();
    expect(buttonById(m, ACTION_IDS.reject)).toBeDefined();
    expect(content(m)).toContain('<@U1> answers; the verdict is then re-evaluated here');
  });

  it('explains how to declare a missing fact', () => {
    const m = verdictMessage(input({ verdict: aVerdict().asking(question('facts', ['patches'])).build(), plan: undefined }));
    expect(content(m)).toContain('No one-click answer: declare `patches` in the facts for prod');
    expect(content(m)).toContain('`/liferay fixpack install dxp-17-7110 on prod`');
  });

  it('gives each question its own answer block', () => {
    const m = verdictMessage(input({ verdict: aVerdict().asking(question('revertible'), question('schema')).build(), plan: undefined }));
    expectValid(m);
    const blocks = actionBlocks(m).map((b) => b.block_id);
    expect(blocks).toEqual(['answer-0', 'answer-1', BLOCK_IDS.decision]);
    expect(decodeAnswerValue(buttonById(m, ACTION_IDS.answerSchemaNone)?.value)).toMatchObject({ question: 1, topic: 'schema' });
  });
});

describe('approversAskedReply: a message that now asks for an approval (after an answer)', () => {
  it.each([
    ['mention: everyone', 'mention', false, '🙋 <@U2>, <@U3>, <!subteam^S1>: fixpack install dxp-17-7110 on prod now waits for your approval'],
    ['dm: the groups only (the users got a direct message)', 'dm', true, '🙋 <!subteam^S1>: fixpack install dxp-17-7110 on prod now waits for your approval'],
  ] as const)('%s', (_name, notify, groupsOnly, text) => {
    const reply = approversAskedReply(input({ approvers: { ...APPROVERS, notify } }), groupsOnly);
    expect(reply === undefined ? [] : validateSlackMessage(reply)).toEqual([]);
    expect(reply?.text).toContain(text);
  });

  it.each([
    ['notify none', input({ approvers: { ...APPROVERS, notify: 'none' } }), false],
    ['dm with no groups', input({ approvers: { ...APPROVERS, notify: 'dm', groupIds: [] } }), true],
    ['nothing to approve', input({ approvers: APPROVERS, plan: undefined }), false],
  ] as const)('nothing when %s', (_name, messageInput, groupsOnly) => {
    expect(approversAskedReply(messageInput, groupsOnly)).toBeUndefined();
  });
});

describe('verdictMessage: error verdict', () => {
  it('says why it cannot be done, with no buttons', () => {
    const m = verdictMessage(input({ verdict: { type: 'error', rule: 'patch-build', message: 'dxp-2-7210 is built for DXP 7.2', request: aRequest() }, plan: undefined }));
    expectValid(m);
    expect(content(m)).toContain('⛔ *Cannot be done on prod*\\n✗ `patch-build`: dxp-2-7210 is built for DXP 7.2');
    expect(everyButton(m)).toEqual([]);
    expect(m.text).toContain('cannot be done: dxp-2-7210 is built for DXP 7.2');
  });
});

describe('verdictMessage: marks and escaping', () => {
  it.each([
    ['pass', '✓'],
    ['block', '✗'],
    ['confirm', '?'],
    ['note', '·'],
  ] as const)('marks a %s reason with %s', (outcome, mark) => {
    const verdict = { ...aVerdict().build(), reasons: [{ rule: 'r', outcome, message: 'm' }] };
    expect(content(verdictMessage(input({ verdict })))).toContain(`${mark} \`r\`: m`);
  });

  it('never lets reason text become a mention', () => {
    const verdict = { ...aVerdict().build(), reasons: [{ rule: 'r', outcome: 'note' as const, message: 'ping <!channel> & <@U9>' }] };
    const text = content(verdictMessage(input({ verdict })));
    expect(text).toContain('ping &lt;!channel&gt; &amp; &lt;@U9&gt;');
    expect(text).not.toContain('<!channel>');
  });
});

describe('verdictMessage: stress inputs stay within Slack limits and are cut cleanly', () => {
  const hugeProperty: MaintenanceRequest = {
    kind: 'property',
    action: 'set',
    settings: Array.from({ length: 200 }, (_, i) => ({ key: `com.acme.setting${i}`, value: 'v'.repeat(100) })),
    cluster: 'prod',
    dryRun: false,
  };
  const cases: ReadonlyArray<[string, VerdictMessageInput, string | undefined]> = [
    ['200 reasons', input({ verdict: aVerdict().withReasons(200).build() }), 'more reasons'],
    ['300 very long reasons', input({ verdict: aVerdict().withReasons(300, 5000).build() }), 'more reasons'],
    ['a 30-node cluster', input({ plan: aRolloutPlan().withNodes(30).build() }), '… and 10 more'],
    ['a 100-node full shutdown', input({ verdict: aVerdict().ineligible().withReasons(300, 900).build(), plan: aRolloutPlan().withNodes(100).withHooks().fullShutdown().build() }), undefined],
    ['12 questions', input({ verdict: aVerdict().asking(...Array.from({ length: 12 }, (_, i) => question(i % 2 === 0 ? 'schema' : 'revertible'))).build(), plan: undefined }), '… and 7 more questions'],
    ['a huge request and plan', input({ verdict: aVerdict().withRequest(hugeProperty).withReasons(250, 2000).build(), plan: aRolloutPlan().withRequest(hugeProperty).withNodes(100).withHooks().build() }), 'vvvvvvvv…`'],
    ['30 approvers', input({ approvers: { ...APPROVERS, userIds: Array.from({ length: 30 }, (_, i) => `U${i}Y`) } }), '<@U9Y>, <!subteam^S1> and 20 more'],
  ];

  it.each(cases)('%s', (_name, messageInput, marker) => {
    const m = verdictMessage(messageInput);
    expectValid(m);
    if (marker !== undefined) expect(content(m)).toContain(marker);
    if (messageInput.verdict.type === 'verdict' && messageInput.verdict.verdict === 'eligible') expect(buttonById(m, ACTION_IDS.approve)).toBeDefined();
  });
});
