import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeAction } from './change-action.ts';
import { applyCommand } from './node-commands.ts';
import { nodePaths } from './node-paths.ts';

// A Patching Tool stand-in that logs each call with what patches/ holds at that moment.
const FAKE_PATCHING_TOOL = '#!/bin/sh\necho "$1: $(ls patches | tr \'\\n\' \' \')" >> ../calls.log\n';

let home: string | undefined;
afterEach(() => {
  if (home !== undefined) rmSync(home, { recursive: true, force: true });
  home = undefined;
});

/** Runs the apply command of `change` in a real sh on a LIFERAY_HOME whose patches/ holds `zips`. */
function apply(change: ChangeAction, zips: readonly string[], staged: readonly string[]): { patches: string[]; calls: string[] } {
  home = mkdtempSync(join(tmpdir(), 'node-commands-'));
  const p = nodePaths(home, 'tomcat', 'r1');
  mkdirSync(join(p.patchingTool, 'patches'), { recursive: true });
  mkdirSync(p.staging, { recursive: true });
  for (const zip of zips) writeFileSync(join(p.patchingTool, 'patches', zip), 'old');
  for (const zip of staged) writeFileSync(join(p.staging, zip), 'staged');
  writeFileSync(join(p.patchingTool, 'patching-tool.sh'), FAKE_PATCHING_TOOL);
  chmodSync(join(p.patchingTool, 'patching-tool.sh'), 0o755);
  const command = applyCommand(p, change);
  if (command === undefined) throw new Error('no command');
  execFileSync('sh', ['-c', command.text]);
  return {
    patches: readdirSync(join(p.patchingTool, 'patches')).sort(),
    calls: readFileSync(join(home, 'calls.log'), 'utf8').trim().split('\n').map((l) => l.trim()),
  };
}

const fp = (n: number): string => `liferay-fix-pack-dxp-${n}-7110.zip`;
const revert = (restore: number | undefined): ChangeAction => ({
  type: 'patch-revert',
  patch: 'dxp-14-7110',
  zip: fp(14),
  restore: restore === undefined ? undefined : { patch: `dxp-${restore}-7110`, zip: fp(restore) },
  removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip',
  clearWork: false,
});

describe('applyCommand: patch-revert puts the level before back, then revert and install', () => {
  it.each([
    ['back to the previous fix pack (its zip had been removed by the install)', revert(13), [fp(14)], [fp(13)], [fp(13)], [`revert: ${fp(13)}`, `install: ${fp(13)}`]],
    ['back to the previous fix pack, a stray fix pack zip taken out', revert(13), [fp(12), fp(14)], [fp(13)], [fp(13)], [`revert: ${fp(13)}`, `install: ${fp(13)}`]],
    ['back to GA: nothing left to install', revert(undefined), [fp(14)], [], [], ['revert:']],
    ['a hotfix: the fix pack zip stays and is installed again', { type: 'patch-revert', patch: 'hotfix-5-7110', zip: 'liferay-hotfix-5-7110.zip', restore: undefined, removeZipsMatching: undefined, clearWork: false } as const,
      [fp(14), 'liferay-hotfix-5-7110.zip'], [], [fp(14)], [`revert: ${fp(14)}`, `install: ${fp(14)}`]],
  ] as const)('%s', (_name, change, zips, staged, patches, calls) => {
    const result = apply(change, zips, staged);
    expect(result.patches).toEqual(patches);
    expect(result.calls).toEqual(calls);
  });

  it('is safe to run again', () => {
    const first = apply(revert(13), [fp(14)], [fp(13)]);
    expect(first.patches).toEqual([fp(13)]);
    const p = nodePaths(home ?? '', 'tomcat', 'r1');
    const again = applyCommand(p, revert(13));
    execFileSync('sh', ['-c', again?.text ?? 'false']);
    expect(readdirSync(join(p.patchingTool, 'patches'))).toEqual([fp(13)]);
  });
});
