import { z } from 'zod';

/**
 * A path on the bot's own machine. `~` and `~/…` are expanded and relative paths are resolved
 * against the inventory file's folder when the inventory is loaded.
 */
export const LocalPath = z
  .string()
  .refine((s) => s.trim() !== '' && !/[\r\n\0]/.test(s), 'expected a path on a single line')
  .refine((s) => !/^~[^/]/.test(s), 'only "~" and "~/..." are expanded, not "~user"');
export type LocalPath = z.infer<typeof LocalPath>;
