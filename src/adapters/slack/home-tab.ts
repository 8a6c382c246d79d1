import type { webApi } from '@slack/bolt';
import { approverGroupIds, homeOverview, type HomeDeps } from '../../app/requests/home-overview.ts';
import type { LookDeps } from '../../app/requests/look-at-nodes.ts';
import { NodeLookCache } from '../../app/requests/node-look-cache.ts';
import type { Logger } from '../../app/ports.ts';
import { homeView } from './blocks/home-view.ts';
import { HomeRefresher } from './home-refresher.ts';

/** The App Home tab: published when someone opens it and, throttled, as rollouts progress. */
export interface HomeTab {
  opened(userId: string): Promise<void>;
  rolloutChanged(): void;
  idle(): Promise<void>;
}

export interface HomeTabOptions {
  readonly client: webApi.WebClient;
  readonly deps: HomeDeps & LookDeps & { readonly log: Logger };
  /** Which of `candidates` (user group ids) the user belongs to. */
  readonly groupsOf: (userId: string, candidates: readonly string[]) => Promise<string[]>;
  /** At most one publish per person in this time (default 10 s). */
  readonly minIntervalMs?: number | undefined;
}

/**
 * Home as the bot shows it: the overview (clusters, active rollouts, last rollouts) read from the
 * store; each node's last probed state from a look taken when someone opens Home (kept in memory
 * for a minute, shown with its time), so opening Home never waits for SSH.
 */
export function createHomeTab(options: HomeTabOptions): HomeTab {
  const { client, deps } = options;
  const looks = new NodeLookCache(deps);
  const overviewFor = async (userId: string) => {
    const groupIds = await options.groupsOf(userId, approverGroupIds(deps));
    return homeOverview({ userId, groupIds }, (cluster) => looks.latest(cluster), deps);
  };
  const refresher = new HomeRefresher({
    log: deps.log,
    ...(options.minIntervalMs === undefined ? {} : { minIntervalMs: options.minIntervalMs }),
    publish: async (userId) => {
      const overview = await overviewFor(userId);
      await client.views.publish({ user_id: userId, view: homeView({ overview, now: deps.clock.now() }) });
    },
    lookAgain: async (userId) => {
      const stale = (await overviewFor(userId)).clusters.map((c) => c.name).filter((name) => looks.stale(name));
      await Promise.all(stale.map((name) => looks.look(name)));
      return stale.length > 0;
    },
  });
  return {
    opened: (userId) => refresher.opened(userId),
    rolloutChanged: () => refresher.rolloutChanged(),
    idle: () => refresher.idle(),
  };
}
