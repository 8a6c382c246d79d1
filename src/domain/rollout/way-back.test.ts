import { describe, expect, it } from 'vitest';
import { parseRequest } from '../request/parse-request.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { inverseRequest } from './inverse-request.ts';
import { nodePaths } from '../plan/node-paths.ts';
import { wayBack } from './way-back.ts';
import { command } from '../text/rich-text.ts';

const request = (text: string): MaintenanceRequest => {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(parsed.error.reason);
  return parsed.value;
};

describe('inverseRequest', () => {
  it.each([
    ['fixpack install dxp-17-7110 on prod', { kind: 'fixpack', action: 'revert', patch: 'dxp-17-7110' }],
    ['fixpack revert dxp-17-7110 on prod', { kind: 'fixpack', action: 'install', patch: 'dxp-17-7110' }],
    ['hotfix install hotfix-77-7110 on prod --dry-run', { kind: 'hotfix', action: 'revert', patch: 'hotfix-77-7110', dryRun: false }],
  ])('%s', (text, expected) => {
    expect(inverseRequest(request(text))).toMatchObject(expected);
  });

  it.each(['property set a.b=c on prod', 'module install x-1.0.jar on prod', 'java update 11.0.22 on prod'])('has no single inverse for %s', (text) => {
    expect(inverseRequest(request(text))).toBeUndefined();
  });
});

const paths = nodePaths('/opt/liferay', 'tomcat', 'r1');

describe('wayBack', () => {
  it.each<[string, MaintenanceRequest | undefined]>([
    ['fixpack install dxp-17-7110 on prod', request('fixpack revert dxp-17-7110 on prod')],
    ['hotfix revert hotfix-77-7110 on prod', request('hotfix install hotfix-77-7110 on prod')],
    ['jvm set -Xmx8g on prod --schema none', request('jvm unset -Xmx8g on prod')],
    ['jvm unset -Xmx8g on prod', request('jvm set -Xmx8g on prod')],
    ['property set a.b=c x=y on prod', request('property unset a.b x on prod')],
    ['java update 1.8.0_402 on prod --dry-run', request('java update 1.8.0_292 on prod')],
    ['property unset a.b on prod', undefined],
    ['config set com.x.Foo a=1 on prod', undefined],
    ['module install x-1.0.jar on prod', undefined],
    ['plugin update acme-theme.war on prod', undefined],
    ['release update 2024.q1.3 on prod', undefined],
    ['commerce update 2.0.7 on prod', undefined],
  ])('%s: the way back as a value', (text, inverse) => {
    const back = wayBack(request(text), { java: '1.8.0_292' }, paths);
    expect(back.backup).toBe(paths.backup);
    if (inverse === undefined) expect(back).toMatchObject({ kind: 'restore', backup: '/opt/liferay/.rollout/backup/r1' });
    else expect(back).toMatchObject({ kind: 'request', request: inverse });
  });

  it('without the Java before, Java goes back by restoring the old JDK', () => {
    expect(wayBack(request('java update 11.0.22 on prod'), {}, paths)).toMatchObject({ kind: 'restore', text: [expect.stringContaining('/opt/liferay/.rollout/backup/r1/files.tar')] });
  });

  it.each([
    ['fixpack install dxp-17-7110 on prod', 'fixpack revert dxp-17-7110 on prod', ' (if it is revertible), or re-run once the cause is fixed'],
    ['fixpack revert dxp-17-7110 on prod', 'fixpack install dxp-17-7110 on prod', ''],
    ['hotfix install hotfix-77-7110 on prod', 'hotfix revert hotfix-77-7110 on prod', ''],
    ['jvm set -Xmx8g on prod', 'jvm unset -Xmx8g on prod', ' (or restore setenv.sh; the pre-change files of every changed node are in /opt/liferay/.rollout/backup/r1/files.tar on that node)'],
    ['java update 1.8.0_402 on prod', 'java update 1.8.0_292 on prod', ''],
    ['property set a.b=c on prod', 'property unset a.b on prod', ' (or set the old values; the pre-change files of every changed node are in /opt/liferay/.rollout/backup/r1/files.tar on that node)'],
  ])('%s -> the command %s', (text, words, tail) => {
    // The request is a command part (no program name): each channel spells it (`/liferay …`, `liferay-rollout run -- …`).
    expect(wayBack(request(text), { java: '1.8.0_292' }, paths).text).toEqual(tail === '' ? [command(words)] : [command(words), tail]);
  });

  // A revert goes back to the level before the fix pack: the level the failed install started from.
  it.each([
    ['from a fix pack', ['dxp-16-7110', 'hotfix-3-7110'], ' (back to dxp-16-7110, if it is revertible), or re-run once the cause is fixed'],
    ['from GA', [], ' (back to no fix pack (GA), if it is revertible), or re-run once the cause is fixed'],
  ])('a failed fix pack install, %s, names the level the revert goes back to', (_name, patches, expected) => {
    expect(wayBack(request('fixpack install dxp-17-7110 on prod'), { patches }, paths).text).toEqual([command('fixpack revert dxp-17-7110 on prod'), expected]);
  });
});
