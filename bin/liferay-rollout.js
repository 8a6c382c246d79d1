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
const [{ runCli }, { composeCli }] = await Promise.all([import(entry), import(import.meta.resolve('#src/compose-cli'))]);
process.exitCode = await runCli(
  process.argv.slice(2),
  { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env, cwd: process.cwd() },
  composeCli(),
);
