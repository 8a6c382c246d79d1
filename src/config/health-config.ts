import { z } from 'zod';
import { HealthUrl } from './health-url.ts';
import { SingleLineText } from './single-line-text.ts';
import { TimeoutSeconds } from './timeout-seconds.ts';

/**
 * When a node counts as stopped, started, healthy and back in the cluster (LIFERAY.md §4).
 * In the inventory `expectClusterMembers` may be left out: it defaults to the number of nodes.
 */
export const HealthConfig = z
  .object({
    /** Text of the catalina.out line that says the server has started. */
    startupLogLine: SingleLineText.default('Server startup in'),
    /** URL template; `{host}` stands for the node's host. Each node's resolved URL is `NodeConfig.healthUrl`. */
    url: HealthUrl.default('http://{host}:8080/c/portal/layout'),
    /** JGroups member count to wait for after a node starts: the node's latest views must list it and at least this many members. */
    expectClusterMembers: z.int().min(1, 'expected at least 1'),
    stopTimeoutSeconds: TimeoutSeconds.default(120),
    startTimeoutSeconds: TimeoutSeconds.default(900),
    healthTimeoutSeconds: TimeoutSeconds.default(300),
    clusterTimeoutSeconds: TimeoutSeconds.default(300),
  })
  .strict();
export type HealthConfig = z.infer<typeof HealthConfig>;
