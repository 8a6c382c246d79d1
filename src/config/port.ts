import { z } from 'zod';

const message = 'expected a port number from 1 to 65535';

/** A TCP port. */
export const Port = z.int().min(1, message).max(65535, message);
export type Port = z.infer<typeof Port>;
