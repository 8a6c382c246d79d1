#!/usr/bin/env node
// The package's bin: loads the TypeScript sources through tsx so `npx liferay-rollout` works
// in a checkout right after `npm ci`, with no build step to forget.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/adapters/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
});
