import { describe, expect, it } from 'vitest';
import { InMemoryRolloutStore } from '../../../test/fakes/in-memory-rollout-store.ts';
import { aRolloutRecord } from '../../../test/builders/a-rollout-record.ts';
import { clusterBusy } from '../../app/requests/cluster-busy.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import { parseRequest } from '../../domain/request/parse-request.ts';
import { wayBack } from '../../domain/rollout/way-back.ts';
import { text } from '../../domain/text/rich-text.ts';
import { checkCommand } from './check-command.ts';
import type { CliIo } from './cli-io.ts';
import { formatEvent } from './format-event.ts';
import { cliText } from './render-text.ts';

/** What the terminal must never show: Slack's markup and its slash command. */
const SLACK_MARKUP = /<@|<!subteam|<#|\/liferay/;

const request = (words: string) => {
  const parsed = parseRequest(words);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
};

async function check(argv: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { INVENTORY: '' }, cwd: process.cwd() };
  await checkCommand(argv, io, { LEASE_SECONDS: 30 }, { artifactReaderAt: () => ({ read: () => Promise.resolve({ ok: false, error: 'no artifact folder in this test' }) }) });
  return { stdout, stderr };
}

describe('the CLI shows texts in its own words: plain names and liferay-rollout, no Slack markup', () => {
  it('the way back of a failed run names the CLI command that undoes it', () => {
    const back = wayBack(request('fixpack install dxp-17-7110 on prod'), { patches: ['dxp-16-7110'] }, nodePaths('/opt/liferay', 'tomcat', 'r1'));
    const line = formatEvent({ type: 'RolloutDone', at: '2026-01-01T10:00:00.000Z', outcome: 'failed', durationMs: 60_000, summary: text`Failed on node2: exit 1. Way back for node1: ${back.text}.` });
    expect(line).toContain('Way back for node1: liferay-rollout run -- fixpack revert dxp-17-7110 on prod (back to dxp-16-7110, if it is revertible)');
    expect(line).not.toMatch(SLACK_MARKUP);
  });

  it('a busy cluster names its approver by name, whether a Slack user or a terminal user', () => {
    for (const approver of ['U0123ANA', 'cli:alice@host']) {
      const store = new InMemoryRolloutStore();
      const holder = aRolloutRecord().withId('r-busy').withStatus('running').decided(approver, '2026-01-01T10:00:00.000Z').build();
      store.create(holder);
      const busy = cliText(clusterBusy({ cluster: holder.cluster, rolloutId: holder.id, owner: 'bot:x', expiresAt: undefined }, store));
      expect(busy).toContain(`(approved by ${approver})`);
      expect(busy).not.toMatch(SLACK_MARKUP);
    }
  });

  it.each([
    ['a request that does not parse', ['--', 'fixpack', 'install', 'dxp-14-7110']],
    ['a command that is not a request', ['--', 'status', 'prod']],
  ])('%s: the reason and the usage name the CLI', async (_name, argv) => {
    const { stderr } = await check(argv);
    expect(stderr).toContain('Usage: liferay-rollout check|plan|run [options] -- <change> on <cluster>');
    expect(stderr).not.toMatch(SLACK_MARKUP);
  });
});
