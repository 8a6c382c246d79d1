import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most long files wait on processes (simulated nodes, SSH, the bot), not on the CPU: more
    // files side by side than there are cores shortens the run without starving anyone.
    maxWorkers: 4,
  },
});
// vitest needs a default export from its config file; everything else in the project is named.
// eslint-disable-next-line no-restricted-syntax
export default config;
