import type { z } from 'zod';

/**
 * A key typed `X | undefined` (always present in memory) that JSON drops when it is undefined:
 * read back as `X | undefined`, accepting an absent key.
 */
export function orAbsent<T extends z.ZodType>(schema: T): z.ZodPipe<z.ZodOptional<T>, z.ZodTransform<z.output<T> | undefined, z.output<T> | undefined>> {
  return schema.optional().transform((value) => value);
}
