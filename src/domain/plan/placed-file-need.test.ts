import { describe, expect, it } from 'vitest';
import { placedFileNeed } from './placed-file-need.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('placedFileNeed', () => {
  it.each<[string, string, string, string | undefined, 'done' | 'needed' | 'unknown', string]>([
    ['the same file in place', `placed ${A}  -\n`, 'osgi/modules', A, 'done', `already has osgi/modules/x.jar (sha256 ${'a'.repeat(12)}…)`],
    ['nothing in place', '', 'osgi/modules', A, 'needed', 'has no osgi/modules/x.jar'],
    ['another build under the same name', `placed ${B}  -\n`, 'osgi/modules', A, 'needed', `its osgi/modules/x.jar differs from the artifact (sha256 ${'b'.repeat(12)}…, artifact ${'a'.repeat(12)}…)`],
    ['the file and an older version', `placed ${A}  -\nother osgi/modules/x-0.9.jar\n`, 'osgi/modules', A, 'needed', 'also has osgi/modules/x-0.9.jar'],
    ['a WAR Liferay deployed unchanged', `deployed ${A}  -\n`, 'deploy', A, 'done', `already has x.jar deployed in osgi/war (sha256 ${'a'.repeat(12)}…)`],
    ['a deployed WAR that differs', `deployed ${B}  -\n`, 'deploy', A, 'unknown', 'osgi/war/x.jar differs from the artifact, but Liferay may have rewritten it when deploying'],
    ['no artifact to compare with', `placed ${A}  -\n`, 'osgi/modules', undefined, 'unknown', 'x.jar is not in the artifact folder to compare with'],
  ])('%s', (_name, output, dir, sha256, need, detail) => {
    expect(placedFileNeed(output, 'x.jar', dir, sha256)).toEqual({ kind: need, detail });
  });
});
