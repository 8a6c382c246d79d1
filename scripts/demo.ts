/**
 * The whole story, locally, with no Slack account: a 3-node simulated Liferay cluster behind real
 * SSH servers, a Slack stand-in, and the real bot (Bolt, over signed HTTP requests). Prints the
 * channel and the thread as a transcript.
 */
import { ACTION_IDS } from '../src/adapters/slack/blocks/action-ids.ts';
import { PEOPLE, startBotHarness } from '../test/support/bot-harness.ts';
import { renderBlocks } from '../test/support/slack/render-transcript.ts';
import { cliText } from '../src/adapters/cli/render-text.ts';
import { stringField } from '../test/support/string-field.ts';

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

say('Starting a 3-node local Liferay DXP 7.1 cluster (simulated nodes behind real SSH servers), a Slack stand-in and the bot…');
const harness = await startBotHarness({ nodes: 3 });
let exitCode = 0;
try {
  harness.cluster.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack dxp-14-7110 (demo bytes)');
  say(`Cluster "prod": ${harness.cluster.local.nodes.map((n) => `${n.name} (ssh 127.0.0.1:${n.sshPort}, ${n.hostKeySha256.slice(0, 20)}…)`).join(', ')}`);
  say('Installed: dxp-13-7110. Approvers of prod: @li (by user id) and the members of user group S0OPS (@ana). @sam and @maria are not approvers.\n');

  say('@ana: /liferay fixpack install dxp-14-7110 on prod');
  await harness.slash('fixpack install dxp-14-7110 on prod', PEOPLE.groupApprover);
  const request = harness.latest();

  say('@ana clicks Approve on her own request…');
  await harness.click(request, ACTION_IDS.approve, PEOPLE.groupApprover);
  say('@sam (not an approver) clicks Approve…');
  await harness.click(request, ACTION_IDS.approve, PEOPLE.outsider);
  say('@li (approver) clicks Approve: the rollout starts.');
  await harness.click(request, ACTION_IDS.approve, PEOPLE.approver);
  say('@maria clicks Approve on the same message a moment later…');
  await harness.click(request, ACTION_IDS.approve, PEOPLE.requester);

  await harness.bot.idle();
  const record = harness.deps.store.list({ cluster: 'prod', limit: 1 })[0];
  say(`\nRollout finished: ${record?.status ?? 'unknown'}\n`);
  const first = harness.fake.calls('chat.postMessage').find((c) => c.args['thread_ts'] === undefined);
  if (first !== undefined) {
    say('──────────────── The request message as first posted ────────────────');
    say(renderBlocks(first.args['blocks'] as unknown[] | undefined, stringField(first.args, 'text')).map((l) => `  │ ${l}`).join('\n'));
    say('');
  }
  say('──────────────── Slack transcript (the message is now the status board) ────────────────');
  say(harness.transcript());
  say('──────────────── Audit trail ────────────────');
  for (const entry of record === undefined ? [] : harness.deps.store.auditTrail(record.id)) say(`${entry.at}  ${entry.actor.padEnd(12)} ${entry.action}: ${cliText(entry.detail)}`);
  if (record?.status !== 'succeeded') exitCode = 1;
} catch (error) {
  process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
  exitCode = 1;
} finally {
  await harness.stop();
}
process.exit(exitCode);
