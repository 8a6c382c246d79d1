/**
 * A variable a `beforeAll` assigns, read in the `afterAll`: vitest runs the `afterAll` even when the
 * `beforeAll` failed before the assignment, so there the variable may be undefined whatever its
 * declared type says (in the tests it is set: vitest skips them when a `beforeAll` fails).
 * `afterAll(() => ifSet(env)?.stop())`.
 */
export const ifSet = <T>(value: T): T | undefined => value;
