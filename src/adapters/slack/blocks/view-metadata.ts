import type { z } from 'zod';
import { err, ok, type Result } from '../../../domain/result.ts';

/** A modal's `private_metadata` (untrusted: it comes back from Slack) read by `schema`, or why it is not ours. */
export function parseViewMetadata<S extends z.ZodType>(schema: S, raw: unknown): Result<z.infer<S>, string> {
  if (typeof raw !== 'string') return err('private_metadata is missing');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return err('private_metadata is not JSON');
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? ok(parsed.data) : err(`private_metadata: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
