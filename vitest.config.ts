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

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Most long files wait on processes (simulated nodes, SSH, the bot), not on the CPU: more
    // files side by side than there are cores shortens the run without starving anyone.
    maxWorkers: 4,
    sequence: { sequencer: SlowFirstSequencer },
  },
});
// vitest needs a default export from its config file; everything else in the project is named.
// eslint-disable-next-line no-restricted-syntax
export default config;
