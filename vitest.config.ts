import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
// vitest needs a default export from its config file; everything else in the project is named.
// eslint-disable-next-line no-restricted-syntax
export default config;
