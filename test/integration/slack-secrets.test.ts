import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { PEOPLE, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import { ifSet } from '../support/if-set.ts';

// A secret typed into a request is written to the node's file and shown nowhere else.
describe('secrets in requests, through verdict → approve → rollout → thread, board and lists', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 2 });
  }, 180_000);

  afterAll(async () => {
    await ifSet(h)?.stop();
  });

  it.each([
    ['a property password', 'property set jdbc.default.password=S3cr3t on prod', ['S3cr3t'], (home: string) => readFileSync(join(home, 'portal-ext.properties'), 'utf8'), 'jdbc.default.password=S3cr3t'],
    ['a config client secret', 'config set com.x.Y clientSecret="a b&c" on prod', ['a b&c', 'a\\ b&c', 'b&amp;c'], (home: string) => readFileSync(join(home, 'osgi', 'configs', 'com.x.Y.config'), 'utf8'), 'clientSecret="a\\ b&c"'],
  ])('%s reaches the nodes only', async (_name, typed, secrets, file, written) => {
    await h.slash(typed);
    const message = h.latest();
    await h.click(message, ACTION_IDS.approve, PEOPLE.approver);
    await h.bot.idle();
    await h.slash('history prod');
    const record = h.deps.store.list({ limit: 1 })[0];
    expect(record?.status).toBe('succeeded');
    const everything = [
      ['Slack calls', JSON.stringify([h.fake.calls(), h.fake.responses()])],
      ['audit trail', JSON.stringify(h.deps.store.auditTrail(record?.id ?? ''))],
      ['events', JSON.stringify(h.deps.store.events(record?.id ?? ''))],
      ['record text and verdict evidence', JSON.stringify([record?.requestText, record?.verdict.type === 'verdict' ? record.verdict.changes : undefined])],
    ] as const;
    for (const [where, shown] of everything) expect({ where, leaks: secrets.some((secret) => shown.includes(secret) || shown.includes(JSON.stringify(secret).slice(1, -1))) }).toEqual({ where, leaks: false });
    for (const node of h.cluster.local.nodes) expect(file(node.home)).toContain(written);
  }, 240_000);
});
