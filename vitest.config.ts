import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that wait on real processes (the bot, the CLI, simulated nodes, SSH servers), slowest
 * first as measured: they start before the quick unit files, so the run does not end on one of them.
 */
const SLOW_FIRST = [
  'test/e2e/store-faults',
  'test/e2e/cli-run',
  'test/e2e/bot-process',
  'test/integration/slack-controls',
  'test/e2e/cli-check',
  'test/integration/slack-bot',
  'test/e2e/lock-race',
  'test/e2e/live-cli-run',
  'src/adapters/ssh/node-ssh-executor',
];
const PROCESS_LEVEL = /\/test\/(e2e|integration)\/|\/test\/support\/local-cluster\//;

const weightOf = (file: string): number => {
  const listed = SLOW_FIRST.findIndex((prefix) => file.includes(`/${prefix}`));
  if (listed !== -1) return listed;
  return PROCESS_LEVEL.test(file) ? SLOW_FIRST.length : SLOW_FIRST.length + 1;
};

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // The base order (failed first, then longest by the cache) within each weight; the sort is stable.
    const base = await super.sort(files);
    return [...base].sort((a, b) => weightOf(a.moduleId) - weightOf(b.moduleId));
  }
}

/** Files that start processes or servers of their own (nodes, SSH, the bot): each in a fresh module graph. */
const PROCESS_FILES = ['test/e2e/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/support/local-cluster/**/*.test.ts', 'src/adapters/ssh/node-ssh-executor.test.ts'];

export const config = defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most long files wait on processes (simulated nodes, SSH, the bot), not on the CPU: more
    // files side by side than there are cores shortens the run without starving anyone.
    maxWorkers: 4,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      // The unit files (no global state: no vi.mock, fake timers, stubbed globals or env writes) share
      // one module graph per worker: importing the source again for each of ~100 files took more CPU
      // than their tests.
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: PROCESS_FILES, isolate: false } },
      { extends: true, test: { name: 'process', include: PROCESS_FILES } },
    ],
  },
});
// vitest needs a default export from its config file; everything else in the project is named.
// eslint-disable-next-line no-restricted-syntax
export default config;
