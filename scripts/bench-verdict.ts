/**
 * Verdict latency benchmark: `/liferay <request>` to the verdict message posted, against the Slack
 * stand-in (test/support/bot-harness.ts, HTTP mode: signed requests to Bolt's HTTP receiver, the
 * real bot, a 3-node local cluster over SSH) with the facts kept warm, next to a bare Bolt app that
 * only acks and posts, on the same stand-in, in the same run (requests alternate between the two).
 * Prints p50/p99 of each and their ratio (target: the bot's p99 within 2x the bare app's).
 *   npx tsx scripts/bench-verdict.ts [requests=1000] [warmup=50]
 * The requests are `hotfix install hotfix-<n>-7110 on prod`, a different hotfix each time (the bot
 * takes the same text from the same person within seconds as a redelivery): a verdict the warm
 * facts tell, so no node is read. The channel lane's pace (Slack's 1 post per second per channel,
 * a rate limit and not a latency) is off for both; the bare app has no lane at all.
 * With `--cold`, the bot keeps no facts warm: every verdict probes the three nodes (the figures
 * before issue 10). With `--process-before-response`, both answer Slack's request only when their
 * listener is done (the bot's then includes removing the "Checking…" ephemeral after the post).
 */
import { App, LogLevel } from '@slack/bolt';
import { performance } from 'node:perf_hooks';
import { CHANNEL, PEOPLE, SIGNING_SECRET, startBotHarness, type BotHarness } from '../test/support/bot-harness.ts';
import type { FakeSlackCall } from '../test/support/slack/fake-slack-api.ts';
import { signedSlackClient } from '../test/support/slack/signed-slack-client.ts';
import { startBoltHttpApp } from '../test/support/slack/start-bolt-http-app.ts';
import { stringField } from '../test/support/string-field.ts';

const args = process.argv.slice(2);
const cold = args.includes('--cold');
const beforeResponse = args.includes('--process-before-response');
const [requests = 1000, warmup = 50] = args.filter((a) => !a.startsWith('--')).map(Number);

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;

const h: BotHarness = await startBotHarness({
  mode: 'http',
  // As in production (and for the bare app below): Slack's request is answered at the ack, and the
  // figure is the time to the verdict's post, not to the clean-up of the "Checking…" ephemeral after it.
  processBeforeResponse: beforeResponse,
  notifierIntervals: { minPostIntervalMs: 0, minUpdateIntervalMs: 0 },
  ...(cold ? {} : { factsCache: { maxAgeMs: 3_600_000, refreshEveryMs: 0 } }),
});
let bare: Awaited<ReturnType<typeof startBoltHttpApp>> | undefined;
try {
  if (!cold) {
    await h.factsCache?.refresh('prod');
    if (h.factsCache?.fresh('prod') === undefined) throw new Error('the facts could not be read: no warm cache to measure');
  }

  // The bare app: same stand-in, same signing, same processBeforeResponse; it only acks and posts.
  const app = new App({ token: 'xoxb-bare-token', signingSecret: SIGNING_SECRET, processBeforeResponse: beforeResponse, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: h.fake.url } });
  app.command('/liferay', async ({ ack, client, command }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: `verdict for ${command.text}` });
  });
  bare = await startBoltHttpApp(app);
  const bareClient = signedSlackClient({ baseUrl: bare.baseUrl, signingSecret: SIGNING_SECRET });

  const seen = new Set<FakeSlackCall>(h.fake.calls('chat.postMessage'));
  /** Time from sending the slash command to the stand-in recording the next chat.postMessage; the command's HTTP answer is awaited too. */
  let lastText = '';
  const timed = async (send: () => Promise<{ status: number }>, from: 'bot' | 'bare'): Promise<number> => {
    const began = performance.now();
    const posted = h.fake.waitFor((c) => c.method === 'chat.postMessage' && !seen.has(c), 30_000).then((call) => {
      seen.add(call);
      if (from === 'bot') lastText = stringField(call.args, 'text');
      return performance.now() - began;
    });
    const answer = await send();
    if (answer.status !== 200) throw new Error(`slash command answered ${answer.status}`);
    return posted;
  };

  let n = 1000;
  const botOnce = (): Promise<number> => timed(() => h.slash(`hotfix install hotfix-${(n += 1)}-7110 on prod`), 'bot');
  const bareOnce = (): Promise<number> =>
    timed(() => bareClient.slashCommand({ text: `hotfix install hotfix-${(n += 1)}-7110 on prod`, user_id: PEOPLE.requester, channel_id: CHANNEL, response_url: h.fake.mintResponseUrl({ channel: CHANNEL }) }), 'bare');

  for (let i = 0; i < warmup; i += 1) {
    await botOnce();
    await bareOnce();
  }
  const botTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    botTimes.push(await botOnce());
    bareTimes.push(await bareOnce());
  }
  botTimes.sort((a, b) => a - b);
  bareTimes.sort((a, b) => a - b);
  const [bot50, bot99, bare50, bare99] = [quantile(botTimes, 0.5), quantile(botTimes, 0.99), quantile(bareTimes, 0.5), quantile(bareTimes, 0.99)];
  const lastVerdict = lastText;
  process.stdout.write(
    [
      `slash command -> verdict posted, ${requests} requests each (after ${warmup} warm-up), HTTP mode (${beforeResponse ? 'answered when the listener is done' : 'answered at the ack, as in production'}), 3 local nodes over SSH, ${cold ? 'no facts kept warm (every verdict probes)' : 'facts kept warm'}`,
      `  bot (liferay-rollout): p50 ${ms(bot50)}  p99 ${ms(bot99)}`,
      `  bare Bolt app:         p50 ${ms(bare50)}  p99 ${ms(bare99)}`,
      `  ratio bot / bare:      p50 ${(bot50 / bare50).toFixed(2)}x  p99 ${(bot99 / bare99).toFixed(2)}x  (target p99 <= 2x)`,
      `  the bot's last verdict message: ${lastVerdict.split('\n')[0] ?? ''}`,
      '',
    ].join('\n'),
  );
} finally {
  await bare?.stop();
  await h.stop();
}
