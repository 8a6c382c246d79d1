import { z } from 'zod';

const message = 'expected a whole number of seconds from 1 to 86400';

/** A time-out in whole seconds, at most a day. */
export const TimeoutSeconds = z.int().min(1, message).max(86_400, message);
export type TimeoutSeconds = z.infer<typeof TimeoutSeconds>;
