import { describe, expect, it } from 'vitest';
import { aCluster } from '../../../test/builders/a-cluster.ts';
import type { ChangeAction } from '../../domain/plan/change-action.ts';
import { nodePaths } from '../../domain/plan/node-paths.ts';
import type { NodeContext } from '../node-context.ts';
import type { NodeSession } from '../ports.ts';
import { verifyChange } from './verify-change.ts';

/** A session that answers every command with `patching-tool.sh info` showing `installed`. */
function infoSession(installed: readonly string[]): NodeSession {
  const stdout = `Currently installed patches: ${installed.join(', ')}\nAvailable patches: ${installed.join(', ')}\n`;
  const target = { name: 'node1', host: '10.0.0.11', port: 22, user: 'liferay', hostKeySha256: 'SHA256:x', connectTimeoutMs: 5000 };
  return { target, run: () => Promise.resolve({ exitCode: 0, stdout, stderr: '', durationMs: 1 }), close: () => Promise.resolve() };
}

function contextWith(installed: readonly string[]): NodeContext {
  const spec = aCluster().build().nodes[0];
  if (spec === undefined) throw new Error('no node');
  const session = infoSession(installed);
  return { spec, target: session.target, paths: nodePaths(spec.liferayHome, 'tomcat-9.0.83', 'r1'), session, catalinaOffset: undefined, liferayLog: undefined };
}

const fixpackRevert = (restore: string | undefined): ChangeAction => ({
  type: 'patch-revert',
  patch: 'dxp-14-7110',
  zip: 'liferay-fix-pack-dxp-14-7110.zip',
  restore: restore === undefined ? undefined : { patch: restore, zip: `liferay-fix-pack-${restore}.zip` },
  removeZipsMatching: 'liferay-fix-pack-dxp-*-7110.zip',
  clearWork: true,
});
const hotfixRevert: ChangeAction = { type: 'patch-revert', patch: 'hotfix-5-7110', zip: 'liferay-hotfix-5-7110.zip', restore: undefined, removeZipsMatching: undefined, clearWork: true };

describe('verifyChange: a revert lands on the level before', () => {
  it.each([
    ['back at the previous fix pack', fixpackRevert('dxp-13-7110'), ['dxp-13-7110'], true, 'patching-tool info: dxp-13-7110'],
    ['back at the previous fix pack, with a hotfix', fixpackRevert('dxp-13-7110'), ['dxp-13-7110', 'hotfix-3-7110'], true, 'dxp-13-7110, hotfix-3-7110'],
    ['still on the reverted fix pack', fixpackRevert('dxp-13-7110'), ['dxp-14-7110'], false, 'node1 still shows dxp-14-7110'],
    ['fell to GA instead of the previous fix pack', fixpackRevert('dxp-13-7110'), [], false, 'node1 shows fix pack none after reverting dxp-14-7110, not dxp-13-7110'],
    ['on another fix pack', fixpackRevert('dxp-13-7110'), ['dxp-12-7110'], false, 'shows fix pack dxp-12-7110 after reverting dxp-14-7110, not dxp-13-7110'],
    ['GA when GA was the level before', fixpackRevert(undefined), [], true, 'nothing installed'],
    ['a fix pack left when GA was the level before', fixpackRevert(undefined), ['dxp-13-7110'], false, 'not none (GA)'],
    ['a hotfix revert keeps the fix pack', hotfixRevert, ['dxp-14-7110'], true, 'dxp-14-7110'],
    ['a hotfix still there', hotfixRevert, ['dxp-14-7110', 'hotfix-5-7110'], false, 'still shows hotfix-5-7110'],
  ] as const)('%s', async (_name, change, installed, ok, mentions) => {
    const outcome = await verifyChange(contextWith(installed), change);
    expect(outcome.ok).toBe(ok);
    expect(outcome.ok ? outcome.detail : outcome.message).toContain(mentions);
  });
});
