import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../../test/builders/a-rollout-record.ts';
import { HOSTILE, hostileProblems } from '../../../../test/support/slack/hostile-text.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import type { ListedRequest } from '../../../app/requests/list-requests.ts';
import { text } from '../../../domain/text/rich-text.ts';
import { requestList } from './request-list.ts';

const listed = (overrides: Partial<ListedRequest['record']> = {}, actions: ListedRequest['actions'] = []): ListedRequest => ({
  record: { ...aRolloutRecord().withId('r-1').withStatus('succeeded').decided('U0LI', '2026-12-03T14:07:00.000Z').build(), requestedAt: '2026-12-03T14:05:00.000Z', requestedBy: 'U0MARIA', ...overrides },
  state: undefined,
  actions,
  durationMs: 65_000,
});

describe('requestList', () => {
  it('shows when each request was made with its date, as a date token each reader sees in their own time zone', () => {
    const m = requestList('history', 'prod', [listed({}, [{ at: '2026-12-03T14:08:09.000Z', rolloutId: 'r-1', actor: 'U0LI', action: 'paused', detail: text`` }])]);
    expect(validateSlackMessage(m)).toEqual([]);
    const shown = JSON.stringify(m.blocks);
    expect(shown).toContain('(<!date^1796306700^{date_short_pretty} {time}|2026-12-03 14:05 UTC>, asked by <@U0MARIA>, approved by <@U0LI>)');
    expect(shown).toContain('paused by <@U0LI> <!date^1796306889^{date_short_pretty} {time}|2026-12-03 14:08 UTC>');
    expect(shown).not.toMatch(/\d\d:\d\d UTC[^|>]/);
  });

  it.each(['status', 'history'] as const)('%s: text the user typed is shown, never live, in verbatim texts', (kind) => {
    const m = requestList(kind, 'prod', [listed({ requestText: `property set a=${HOSTILE} on prod`, status: 'failed', outcomeNote: [HOSTILE] })]);
    expect(validateSlackMessage(m)).toEqual([]);
    expect(hostileProblems(m, kind)).toEqual([]);
    expect(JSON.stringify(m.blocks)).toContain('&lt;!channel&gt;');
  });

  it('an empty list says none', () => {
    const m = requestList('status', undefined, []);
    expect(m.text).toBe('Open and running requests: none');
    expect(validateSlackMessage(m)).toEqual([]);
  });
});
