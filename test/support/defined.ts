/** The value, checked: a test that reaches for something missing fails here, saying what was missing (instead of a `!`). */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`expected ${what}, found nothing`);
  return value;
}
