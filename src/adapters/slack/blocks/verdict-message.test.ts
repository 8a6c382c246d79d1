import { describe, expect, it } from 'vitest';
import { aRequest, aRolloutPlan, aVerdict } from '../../../../test/builders/a-rollout-plan.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { Question } from '../../../domain/eligibility/verdict.ts';
import type { MaintenanceRequest } from '../../../domain/request/maintenance-request.ts';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.ts';
import { decodeAnswerValue, decodeDecisionValue } from './button-values.ts';
import type { Block, SlackMessage } from './slack-message.ts';
import { verdictMessage, type VerdictMessageInput } from './verdict-message.ts';

const REQUEST_ID = 'req-42';

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => value as Json;
const actionBlocks = (m: SlackMessage): Json[] => m.blocks.filter((b: Block) => b.type === 'actions').map(asJson);
const buttons = (m: SlackMessage): Json[] => actionBlocks(m).flatMap((b) => b.elements as Json[]);
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

const question = (topic: Question['topic'], subjects: readonly string[] = ['x']): Question => ({ topic, text: `question about ${topic}?`, subjects });

describe('verdictMessage: eligible', () => {
  const plan = aRolloutPlan().build();
  const message = verdictMessage(input({ plan }));

  it('is valid', () => expectValid(message));

  it.each([
    ['the header', '🔧 Maintenance request for prod'],
    ['who asked', '*Requested by* <@U1>'],
    ['the request text', '`/liferay fixpack install dxp-17-7110 on prod`'],
    ['the headline', '✅ *Eligible for a rolling restart*'],
    ['the reason with its rule and mark', '✓ `fixpack-target`: dxp-17-7110 is revertible'],
    ['the nodes in order', 'node1 → node2 → node3'],
    ['the duration', 'about 18 min'],
    ['the short plan hash', `plan \`${plan.hash.slice(0, 12)}\``],
    ['the first node as template', 'the same for node2, node3'],
    ['a node step', '1. stop node1 (force after 120 s)'],
    ['a preflight step', 'connect to node1 (10.0.0.11) and check its host key'],
    ['the artifact', 'liferay-fix-pack-dxp-17-7110.zip'],
    ['the approval footer', 'an approver other than <@U1> approves within 60 min'],
  ])('shows %s', (_name, text) => {
    expect(content(message)).toContain(JSON.stringify(text).slice(1, -1));
  });

  it('has Approve (primary) and Reject (danger) carrying the request id and the plan hash', () => {
    const [decision] = actionBlocks(message);
    expect(decision?.block_id).toBe(BLOCK_IDS.decision);
    const approve = buttonById(message, ACTION_IDS.approve);
    const reject = buttonById(message, ACTION_IDS.reject);
    expect(approve).toMatchObject({ style: 'primary', text: { text: 'Approve' } });
    expect(reject).toMatchObject({ style: 'danger', text: { text: 'Reject' } });
    for (const b of [approve, reject]) expect(decodeDecisionValue(b?.value)).toEqual({ requestId: REQUEST_ID, planHash: plan.hash, strategy: 'rolling' });
    expect(buttonById(message, ACTION_IDS.approveFullShutdown)).toBeUndefined();
  });

  it('puts the verdict in the fallback text', () => {
    expect(message.text).toBe('fixpack install dxp-17-7110 on prod, requested by <@U1>: eligible for a rolling restart');
  });

  it('shows no Approve when there is no plan, and says why', () => {
    const m = verdictMessage(input({ plan: undefined, planProblem: 'liferay-fix-pack-dxp-17-7110.zip not found in the artifact folder' }));
    expectValid(m);
    expect(content(m)).toContain('No plan: liferay-fix-pack-dxp-17-7110.zip not found');
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION_IDS.reject]);
    expect(decodeDecisionValue(buttonById(m, ACTION_IDS.reject)?.value)).toEqual({ requestId: REQUEST_ID, planHash: '', strategy: 'rolling' });
  });

  it('marks a dry run', () => {
    const m = verdictMessage(input({ verdict: aVerdict().forRequest('fixpack install dxp-17-7110 on prod --dry-run').build() }));
    expect(content(m)).toContain('(dry run: nothing is changed)');
  });
});

describe('verdictMessage: dry run', () => {
  const dry = (text: string): MaintenanceRequest => aRequest(text);
  it.each([
    ['eligible, rolling plan', aVerdict().withRequest(dry('fixpack install dxp-17-7110 on prod --dry-run')).build(), aRolloutPlan().build(), '/liferay fixpack install dxp-17-7110 on prod'],
    ['ineligible, full-shutdown plan', aVerdict().ineligible().withRequest(dry('fixpack install dxp-17-7110 on prod --dry-run')).build(), aRolloutPlan().fullShutdown().build(), '/liferay fixpack install dxp-17-7110 on prod'],
    ['eligible, no plan', aVerdict().withRequest(dry('module update x.jar on prod --schema none --dry-run')).build(), undefined, '/liferay module update x.jar on prod --schema none'],
  ])('%s: shows verdict and plan, no buttons, and how to run it for real', (_name, verdict, plan, real) => {
    const m = verdictMessage(input({ verdict, plan }));
    expectValid(m);
    expect(buttons(m)).toEqual([]);
    expect(content(m)).toContain('🧪 *Dry run*: nothing is changed and there is nothing to approve');
    expect(content(m)).toContain(`ask again without \`--dry-run\`: \`${real}\``);
    expect(content(m)).toContain('dry run: no approval');
    expect(content(m)).not.toContain('approves within');
    if (plan !== undefined) expect(content(m)).toContain('*Plan:*');
  });

  it('still lets the requester answer questions of a dry run', () => {
    const verdict = aVerdict().asking(question('schema')).withRequest(aRequest('module update x.jar on prod --dry-run')).build();
    const m = verdictMessage(input({ verdict, plan: undefined }));
    expectValid(m);
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION_IDS.answerSchemaNone, ACTION_IDS.answerSchemaCompatible, ACTION_IDS.answerSchemaBreaking]);
  });
});

describe('verdictMessage: ineligible', () => {
  const plan = aRolloutPlan().fullShutdown().build();
  const message = verdictMessage(input({ verdict: aVerdict().ineligible().build(), plan }));

  it('is valid', () => expectValid(message));

  it.each([
    ['the headline', '⛔ *Not eligible for a rolling restart*'],
    ['the blocking reason', '✗ `fixpack-target`: dxp-17-7110 is non-revertible'],
    ['the advice', '· `full-shutdown`'],
    ['the full-shutdown plan', '⚠️ *FULL SHUTDOWN*: all 3 nodes down together'],
    ['the warning', '*A full shutdown needs its own approval.*'],
  ])('shows %s', (_name, text) => {
    expect(content(message)).toContain(text);
  });

  it('offers only a clearly marked full-shutdown approval with a confirm dialog', () => {
    expect(buttonById(message, ACTION_IDS.approve)).toBeUndefined();
    const button = buttonById(message, ACTION_IDS.approveFullShutdown);
    expect(button).toMatchObject({
      style: 'danger',
      text: { type: 'plain_text', text: 'Approve FULL SHUTDOWN of prod (all nodes down)' },
      confirm: { title: { text: 'Take all of prod down?' }, confirm: { text: 'Yes, shut down all nodes' }, deny: { text: 'Cancel' }, style: 'danger' },
    });
    expect(decodeDecisionValue(button?.value)).toEqual({ requestId: REQUEST_ID, planHash: plan.hash, strategy: 'full-shutdown' });
    expect(actionBlocks(message).map((b) => b.block_id)).toEqual([BLOCK_IDS.fullShutdownDecision]);
  });

  it('keeps the button text within 75 characters for a long cluster name', () => {
    const cluster = `c${'x'.repeat(62)}`;
    const request: MaintenanceRequest = { ...aRequest(), cluster };
    const m = verdictMessage(input({ verdict: aVerdict().ineligible().withRequest(request).build(), plan: aRolloutPlan().withRequest(request).fullShutdown().build() }));
    expectValid(m);
    expect(buttonById(m, ACTION_IDS.approveFullShutdown)).toMatchObject({ text: { text: 'Approve FULL SHUTDOWN (all nodes down)' } });
  });

  it('shows the reasons and only Reject when no full-shutdown plan could be made', () => {
    const m = verdictMessage(input({ verdict: aVerdict().ineligible().build(), plan: undefined, planProblem: 'no JDK for Java 17' }));
    expectValid(m);
    expect(content(m)).toContain('No full-shutdown plan: no JDK for Java 17');
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTION_IDS.reject]);
  });
});

describe('verdictMessage: a cluster where some nodes already have the change', () => {
  it.each([
    ['rolling', aRolloutPlan().skipping('node1'), [
      'rolling restart, one node at a time, in this order: node2 → node3 · 2 nodes changed',
      '*Skipped* (already done; left running): node1: already has dxp-17-7110',
      '(shown for node2; the same for node1, node3; no upload to skipped nodes)',
      'each back and healthy in the cluster before the next one stops (shown for node2; the same for node3)',
      '*Finally*, on every changed node (shown for node2; the same for node3)',
    ]],
    ['full shutdown', aRolloutPlan().fullShutdown().skipping('node1'), [
      '⚠️ *FULL SHUTDOWN*: all 3 nodes down together (node1, node2, node3), 2 changed',
      '*Skipped* (already done; stopped and started with the others, not changed): node1: already has dxp-17-7110',
      '*Then* every node stops, node2, node3 are changed, then node1 starts alone',
      'Approving it takes *all 3 nodes of prod* down together',
    ]],
  ] as const)('%s: names the skipped nodes and why, and counts every node that goes down', (_name, builder, texts) => {
    const plan = builder.build();
    const verdict = plan.strategy === 'rolling' ? aVerdict().build() : aVerdict().ineligible().build();
    const m = verdictMessage(input({ verdict, plan }));
    expectValid(m);
    for (const text of texts) expect(content(m)).toContain(JSON.stringify(text).slice(1, -1));
  });

  it('stays within Slack limits with many skipped nodes and long reasons', () => {
    const builder = aRolloutPlan().withNodes(60);
    for (let i = 1; i < 60; i += 1) builder.skipping(`node${i}`, `already has dxp-17-7110 ${'and more '.repeat(30)}`);
    const m = verdictMessage(input({ plan: builder.build() }));
    expectValid(m);
    expect(content(m)).toContain('*Skipped* (already done; left running): node1: already has');
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

describe('verdictMessage: error verdict', () => {
  it('says why it cannot be done, with no buttons', () => {
    const m = verdictMessage(input({ verdict: { type: 'error', rule: 'patch-build', message: 'dxp-2-7210 is built for DXP 7.2', request: aRequest() }, plan: undefined }));
    expectValid(m);
    expect(content(m)).toContain('⛔ *Cannot be done on prod*\\n✗ `patch-build`: dxp-2-7210 is built for DXP 7.2');
    expect(actionBlocks(m)).toEqual([]);
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
    ['a huge request and plan', input({ verdict: aVerdict().withRequest(hugeProperty).withReasons(250, 2000).build(), plan: aRolloutPlan().withRequest(hugeProperty).withNodes(100).withHooks().build() }), 'setting3=vvvvvvvv…'],
  ];

  it.each(cases)('%s', (_name, messageInput, marker) => {
    const m = verdictMessage(messageInput);
    expectValid(m);
    if (marker !== undefined) expect(content(m)).toContain(marker);
    if (messageInput.verdict.type === 'verdict' && messageInput.verdict.verdict === 'eligible') expect(buttonById(m, ACTION_IDS.approve)).toBeDefined();
  });
});
