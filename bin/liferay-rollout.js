#!/usr/bin/env node
// The package's bin (through tsx, so `npx liferay-rollout` works right after `npm ci`): the CLI's composition root and its entry point.
import { register } from 'tsx/esm/api';
register();
const [{ runCli }, { composeCli }] = await Promise.all([import('../src/adapters/cli/run-cli.ts'), import('../src/compose-cli.ts')]);
process.exitCode = await runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), env: process.env, cwd: process.cwd() }, composeCli());
