import { createHash } from 'node:crypto';

/** Hex SHA-256 of a string's UTF-8 bytes (node:crypto): the plan hash the use cases hand to `buildPlan`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
