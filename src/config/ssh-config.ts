import { z } from 'zod';
import { LocalPath } from './local-path.ts';
import { Port } from './port.ts';
import { TimeoutSeconds } from './timeout-seconds.ts';

/**
 * How the bot logs in to a cluster's nodes. YAML: `{ user, keyFile | agent: true, port, connectTimeoutSeconds }`;
 * loaded as `auth`, either a key file (path on the bot's machine) or the SSH agent.
 * `port` is the default for nodes that do not set their own.
 */
export const SshConfig = z
  .object({
    user: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, 'expected a user name on the nodes, like liferay'),
    keyFile: LocalPath.optional(),
    agent: z.boolean().default(false),
    port: Port.default(22),
    connectTimeoutSeconds: TimeoutSeconds.default(20),
  })
  .strict()
  .superRefine((ssh, ctx) => {
    if (ssh.keyFile !== undefined && ssh.agent) {
      ctx.addIssue({ code: 'custom', path: ['agent'], message: 'set either keyFile or agent: true, not both' });
    }
    if (ssh.keyFile === undefined && !ssh.agent) {
      ctx.addIssue({ code: 'custom', message: 'set keyFile (a private key file) or agent: true (use SSH_AUTH_SOCK)' });
    }
  })
  .transform(({ keyFile, agent: _agent, ...rest }) => {
    const auth: { kind: 'agent' } | { kind: 'keyFile'; keyFile: string } =
      keyFile === undefined ? { kind: 'agent' } : { kind: 'keyFile', keyFile };
    return { ...rest, auth };
  });
export type SshConfig = z.infer<typeof SshConfig>;
