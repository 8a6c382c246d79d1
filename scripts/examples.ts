/**
 * The main job until the Slack bot lands: `liferay-rollout check` on one example per row of
 * Liferay's rolling-restart table, printed as a terminal session.
 */
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/adapters/cli/run-cli.ts';
import { composeCli } from '../src/compose-cli.ts';
import { CHECK_EXAMPLES } from '../examples/check-examples.ts';

const examplesDir = fileURLToPath(new URL('../examples/', import.meta.url));
let failures = 0;
for (const example of CHECK_EXAMPLES) {
  const facts = `examples/${example.facts}`;
  process.stdout.write(`\n# ${example.row}\n$ npx liferay-rollout check --facts ${facts} -- ${example.request}\n`);
  let out = '';
  const code = await runCli(['check', '--facts', `${examplesDir}${example.facts}`, '--', ...example.request.split(' ')], {
    stdout: (s) => (out += s),
    stderr: (s) => (out += s),
    env: {},
    cwd: process.cwd(),
  }, composeCli());
  process.stdout.write(`${out}(exit ${code})\n`);
  if (code === 2) failures += 1;
}
if (failures > 0) {
  process.stderr.write(`${failures} example(s) did not parse\n`);
  process.exitCode = 1;
}
