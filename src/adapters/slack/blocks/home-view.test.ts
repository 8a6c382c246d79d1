import { describe, expect, it } from 'vitest';
import { aRolloutRecord } from '../../../../test/builders/a-rollout-record.ts';
import { renderBlocks } from '../../../../test/support/slack/render-transcript.ts';
import { validateSlackView } from '../../../../test/support/slack/validate-slack-message.ts';
import type { HomeCluster, HomeOverview } from '../../../app/requests/home-overview.ts';
import { initialRolloutState } from '../../../domain/rollout/rollout-state.ts';
import { CONTROL_ACTION_IDS } from './action-ids.ts';
import { homeView, messageLink } from './home-view.ts';

const now = new Date('2025-03-04T09:30:00.000Z');
const at = '2025-03-04T09:29:00.000Z';

const cluster = (name: string, extra: Partial<HomeCluster> = {}): HomeCluster => ({
  name,
  requestChannels: ['C0PROD'],
  approves: true,
  look: { at, nodes: [{ node: 'node1', reachable: true, running: true, healthy: true, detail: 'patches: dxp-14-7110; Java: 1.8.0_292' }, { node: 'node2', reachable: false, running: false, healthy: false, detail: 'connect ECONNREFUSED' }] },
  active: undefined,
  ...extra,
});

const running = aRolloutRecord().withId('req-1').withStatus('running').build();
const withMessage = { ...running, channelId: 'C0PROD', messageTs: '1700000000.000100' };
const lines = (overview: HomeOverview): string => renderBlocks(homeView({ overview, now }).blocks, '').join('\n');

describe('homeView', () => {
  it('shows each cluster, its nodes as last looked at, its active rollout with a link and the controls, and the last rollouts', () => {
    const overview: HomeOverview = {
      clusters: [cluster('prod', { active: { record: withMessage, state: { ...initialRolloutState(['node1', 'node2']), status: 'running' }, actions: [], durationMs: undefined } })],
      recent: [{ ...withMessage, status: 'succeeded' }],
    };
    const view = homeView({ overview, now });
    expect(validateSlackView(view)).toEqual([]);
    const shown = lines(overview);
    expect(shown).toContain('*prod* · you approve · requests in <#C0PROD>');
    expect(shown).toContain('✅ node1: running, healthy (patches: dxp-14-7110; Java: 1.8.0_292)');
    expect(shown).toContain('❔ node2: unreachable (connect ECONNREFUSED)');
    expect(shown).toContain('<!date^1741080540^{time_secs}|09:29:00 UTC>');
    expect(shown).toContain('<https://slack.com/archives/C0PROD/p1700000000000100|its message>');
    expect(shown).toMatch(/\[Pause after this node\] \[Abort\]/);
    expect(shown).toMatch(/✅ <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> · succeeded · `\/liferay property set index.read.only=false on prod`/);
    expect(JSON.stringify(view.blocks)).toContain(CONTROL_ACTION_IDS.pause);
  });

  it('offers no controls to someone who may only request', () => {
    const overview: HomeOverview = { clusters: [cluster('prod', { approves: false, active: { record: withMessage, state: undefined, actions: [], durationMs: undefined } })], recent: [] };
    expect(JSON.stringify(homeView({ overview, now }).blocks)).not.toContain(CONTROL_ACTION_IDS.pause);
    expect(lines(overview)).toContain('you may request');
  });

  it.each([
    ['not looked at yet', undefined, '_Looking at the nodes now…_'],
    ['a look that gave no answer', { at, failed: 'no answer within 15 s' }, 'could not be looked at'],
  ])('says when the nodes are %s', (_name, look, expected) => {
    expect(lines({ clusters: [cluster('prod', { look })], recent: [] })).toContain(expected);
  });

  it('escapes what people typed and stays within 100 blocks for 40 clusters of 60 nodes', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => ({ node: `node${i}`, reachable: true, running: true, healthy: true, detail: '<!channel> & co' }));
    const many = Array.from({ length: 40 }, (_, i) => cluster(`c${i}`, { look: { at, nodes }, active: { record: { ...withMessage, id: `req-${i}`, requestText: 'property set a=<@U123> on c' }, state: undefined, actions: [], durationMs: undefined } }));
    const view = homeView({ overview: { clusters: many, recent: Array.from({ length: 5 }, () => withMessage) }, now });
    expect(validateSlackView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const json = JSON.stringify(view.blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U123>');
    expect(json).toContain('… and 25 more clusters');
  });

  it.each([
    [{ channelId: 'C0PROD', messageTs: '1700000000.000100' }, 'https://slack.com/archives/C0PROD/p1700000000000100'],
    [{ channelId: undefined, messageTs: undefined }, undefined],
    [{ channelId: '<x>', messageTs: '1.2' }, undefined],
  ])('links %o as %s', (record, expected) => {
    expect(messageLink(record)).toBe(expected);
  });
});
