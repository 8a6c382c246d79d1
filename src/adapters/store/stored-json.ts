import { z } from 'zod';

/** A stored text column read as JSON (renovate's `Json`): pipe it into the schema of what it holds. */
export const StoredJson = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not JSON' });
    return z.NEVER;
  }
});
