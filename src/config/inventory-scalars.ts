import { isIP } from 'node:net';
import { posix } from 'node:path';
import { z } from 'zod';
import { ClusterFacts } from '../domain/liferay/cluster-facts.ts';
import { ClusterName } from '../domain/request/maintenance-request.ts';

/*
 * The inventory's scalar values, one schema each (type and schema share a name). The objects built
 * from them are in inventory-schema.ts.
 */

const portMessage = 'expected a port number from 1 to 65535';

/** A TCP port. */
export const Port = z.int().min(1, portMessage).max(65535, portMessage);
export type Port = z.infer<typeof Port>;

const secondsMessage = 'expected a whole number of seconds from 1 to 86400';

/** A time-out in whole seconds, at most a day. */
export const TimeoutSeconds = z.int().min(1, secondsMessage).max(86_400, secondsMessage);
export type TimeoutSeconds = z.infer<typeof TimeoutSeconds>;

const settleMessage = 'expected a number of seconds greater than 0, like 1 or 0.5';

/** A short wait in seconds, fractions allowed (the cluster settle window). */
export const SettleSeconds = z.number().positive(settleMessage);
export type SettleSeconds = z.infer<typeof SettleSeconds>;

/** Operator-written text that must fit on one line (commands, log lines): not blank, no CR/LF/NUL. */
export const SingleLineText = z
  .string()
  .refine((s) => s.trim() !== '', 'must not be empty')
  .refine((s) => !/[\r\n\0]/.test(s), 'must be a single line (no line breaks)');
export type SingleLineText = z.infer<typeof SingleLineText>;

/** Cluster and node names: the same characters a request accepts after `on`. */
export const InventoryName = z
  .string()
  .refine(
    (s) => ClusterName.safeParse(s).success,
    'expected a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)',
  );
export type InventoryName = z.infer<typeof InventoryName>;

const hostLabel = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

function isHostName(s: string): boolean {
  if (isIP(s) !== 0) return true;
  const labels = s.split('.');
  return s.length <= 253 && labels.every((l) => hostLabel.test(l)) && !/^[0-9]+$/.test(labels.at(-1) ?? '');
}

/** A node's address: a DNS name, an IPv4 or an IPv6 address (without brackets). */
export const HostName = z.string().refine(isHostName, 'expected a host name or an IP address');
export type HostName = z.infer<typeof HostName>;

/**
 * 32 bytes in unpadded base64: 42 free characters, then one that carries the last 4 bits
 * (its low 2 bits are zero).
 */
const fingerprint = /^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;
const fingerprintExpected =
  'expected "SHA256:<43 base64 chars>" as printed by `ssh-keyscan -t ed25519 <host> | ssh-keygen -lf -`';

function fingerprintProblem(s: string): string | undefined {
  if (fingerprint.test(s)) return undefined;
  if (/^MD5:/i.test(s) || /^([0-9a-f]{2}:){15}[0-9a-f]{2}$/i.test(s)) return `MD5 fingerprints are not accepted: ${fingerprintExpected}`;
  if (/^SHA256:[A-Za-z0-9+/]{43}=$/.test(s)) return `${fingerprintExpected} (without the trailing "=")`;
  if (/^SHA256:[A-Za-z0-9+/]{43}$/.test(s)) return `${fingerprintExpected}: the last character cannot be "${s.at(-1) ?? ''}" in a SHA-256 fingerprint`;
  return fingerprintExpected;
}

/**
 * The pinned host key of a node, as `ssh-keygen -lf` prints it. Required: the bot never trusts a
 * key on first use.
 */
export const HostKeyFingerprint = z.string().superRefine((s, ctx) => {
  const message = fingerprintProblem(s);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});
export type HostKeyFingerprint = z.infer<typeof HostKeyFingerprint>;

/** What a health URL's `{host}` stands for: the node's host. */
export const HOST_PLACEHOLDER = '{host}';

const healthUrlExpected = 'expected an http(s) URL, optionally with {host}, like http://{host}:8080/c/portal/layout';

function healthUrlProblem(s: string): string | undefined {
  if (/\s/.test(s)) return healthUrlExpected;
  const probe = s.replaceAll(HOST_PLACEHOLDER, 'host.invalid');
  if (/[{}]/.test(probe)) return 'only {host} is replaced in a health URL';
  if (!URL.canParse(probe)) return healthUrlExpected;
  const { protocol } = new URL(probe);
  return protocol === 'http:' || protocol === 'https:' ? undefined : healthUrlExpected;
}

/** A health-check URL; `{host}` stands for the node's host. */
export const HealthUrl = z.string().superRefine((s, ctx) => {
  const message = healthUrlProblem(s);
  if (message !== undefined) ctx.addIssue({ code: 'custom', message });
});
export type HealthUrl = z.infer<typeof HealthUrl>;

/** A Slack channel id (public `C…` or private/legacy group `G…`), not a `#name`. */
export const SlackChannelId = z
  .string()
  .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id like C0123ABCD (not a #name)');
export type SlackChannelId = z.infer<typeof SlackChannelId>;

/** A Slack user id (`U…`, or `W…` on Enterprise Grid), not an `@name`. */
export const SlackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'expected a Slack user id like U0123ABCD (not an @name)');
export type SlackUserId = z.infer<typeof SlackUserId>;

/** A Slack user group id (`S…`), not a `@handle`. */
export const SlackUserGroupId = z
  .string()
  .regex(/^S[A-Z0-9]{2,}$/, 'expected a Slack user group id like S0123ABCD (not an @handle)');
export type SlackUserGroupId = z.infer<typeof SlackUserGroupId>;

/**
 * A path on the bot's own machine. `~` and `~/…` are expanded and relative paths are resolved
 * against the inventory file's folder when the inventory is loaded.
 */
export const LocalPath = z
  .string()
  .refine((s) => s.trim() !== '' && !/[\r\n\0]/.test(s), 'expected a path on a single line')
  .refine((s) => !/^~[^/]/.test(s), 'only "~" and "~/..." are expanded, not "~user"');
export type LocalPath = z.infer<typeof LocalPath>;

/** An absolute path on a node (POSIX), normalised and without a trailing slash. */
export const RemoteAbsolutePath = z
  .string()
  .refine((s) => posix.isAbsolute(s) && !/[\r\n\0]/.test(s), 'expected an absolute path on the node, like /opt/liferay')
  .transform((s) => {
    const normalised = posix.normalize(s);
    return normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised;
  });
export type RemoteAbsolutePath = z.infer<typeof RemoteAbsolutePath>;

const folderSegment = /^[A-Za-z0-9._-]+$/;

/** The Tomcat folder inside `liferayHome` (`tomcat` in quarterly releases, `tomcat-9.0.xx` before). */
export const TomcatDir = z
  .string()
  .refine(
    (s) => s.split('/').every((part) => folderSegment.test(part) && part !== '.' && part !== '..'),
    'expected a folder relative to liferayHome, like tomcat or tomcat-9.0.83',
  );
export type TomcatDir = z.infer<typeof TomcatDir>;

/** Java major version (`"8"`, `"11"`, `"17"`, `"21"`) to the JAVA_HOME for it on the nodes. */
export const JavaHomes = z.record(
  z.string().regex(/^(?:[89]|[1-9][0-9])$/, 'expected a Java major version like 17'),
  RemoteAbsolutePath,
);
export type JavaHomes = z.infer<typeof JavaHomes>;

/**
 * Facts declared for a cluster in the inventory (used by `check --inventory` instead of a probe):
 * `ClusterFacts` without `product`, which is the cluster's own key.
 */
export const DeclaredFacts = ClusterFacts.omit({ product: true })
  .extend({
    product: z.never({ error: 'product is not a fact here: set it as the cluster\'s "product" key' }).optional(),
  })
  .strict()
  .transform(({ product: _product, ...facts }) => facts);
export type DeclaredFacts = z.infer<typeof DeclaredFacts>;

/** A plain object (not null, not an array): for the checks that look at raw inventory data before or beside the schema. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
