import { posix } from 'node:path';
import { z } from 'zod';

/** An absolute path on a node (POSIX), normalised and without a trailing slash. */
export const RemoteAbsolutePath = z
  .string()
  .refine((s) => posix.isAbsolute(s) && !/[\r\n\0]/.test(s), 'expected an absolute path on the node, like /opt/liferay')
  .transform((s) => {
    const normalised = posix.normalize(s);
    return normalised.length > 1 ? normalised.replace(/\/+$/, '') : normalised;
  });
export type RemoteAbsolutePath = z.infer<typeof RemoteAbsolutePath>;
