#!/usr/bin/env node
// The package's bin: runs the compiled JavaScript in dist/ (`npm run build`): the CLI's composition
// root and its entry point. Tests run the sources instead:
// `node --conditions=source --import tsx bin/liferay-rollout.js` (package.json "imports").
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = import.meta.resolve('#src/adapters/cli/run-cli');
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('liferay-rollout: dist/ is missing: run npm run build first\n');
  process.exit(1);
}
// A reader that went away (`liferay-rollout history | head`) ends the output, not the command: a run in
// progress still brings its node back up and records how it ended.
const closed = new Set();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    closed.add(stream);
  });
}
const writeTo = (stream) => (s) => {
  if (!closed.has(stream)) stream.write(s);
};
const [{ runCli }, { composeCli }] = await Promise.all([import(entry), import(import.meta.resolve('#src/compose-cli'))]);
process.exitCode = await runCli(
  process.argv.slice(2),
  { stdout: writeTo(process.stdout), stderr: writeTo(process.stderr), env: process.env, cwd: process.cwd() },
  composeCli(),
);
