import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { PatchCatalog } from '../liferay/patch-catalog.ts';
import { parseRequest } from '../request/parse-request.ts';
import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import type { Verdict } from './verdict.ts';
import { typedExpect } from '../../../test/support/typed-expect.ts';

const catalog = PatchCatalog.parse(JSON.parse(readFileSync(new URL('../../../catalog/non-revertible.json', import.meta.url), 'utf8')));

const dxp70: ClusterFacts = { product: 'dxp-7.0', patches: ['de-28-7010'], java: '1.8.0_292' };
const q12: ClusterFacts = { product: 'dxp-7.4', release: '2026.q1.2', patches: [], java: '17.0.15' };
const dxp71: ClusterFacts = { product: 'dxp-7.1', patches: ['dxp-14-7110'], java: '1.8.0_292', commerce: '2.0.5' };
const dxp72: ClusterFacts = { product: 'dxp-7.2', patches: ['dxp-9-7210', 'hotfix-1234-7210'], java: '11.0.12', nonRevertible: ['hotfix-2001-7210'] };
const dxp73: ClusterFacts = { product: 'dxp-7.3', patches: ['dxp-1-7310'], java: '11.0.20' };
const dxp74: ClusterFacts = { product: 'dxp-7.4', release: '2024.q1.1', java: '11.0.22' };
const dxp74q2: ClusterFacts = { product: 'dxp-7.4', release: '2024.q2.2', java: '17.0.10' };

function request(text: string): MaintenanceRequest {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(`test request did not parse: ${text}: ${parsed.error.reason}`);
  return parsed.value;
}

function check(text: string, facts: ClusterFacts, options: EvaluateOptions = {}): Verdict {
  return evaluate(request(text), facts, catalog, options);
}

function summary(verdict: Verdict): string {
  return verdict.type === 'error' ? `error ${verdict.rule}: ${verdict.message}` : `${verdict.verdict} | ${verdict.reasons.map((r) => `${r.rule}: ${r.message}`).join(' | ')}`;
}

type Case = readonly [row: string, text: string, facts: ClusterFacts, expected: 'eligible' | 'ineligible' | 'needs-confirmation' | 'error', mentions: string];

// One or more cases for every row of LIFERAY.md §1, and every error the rules know.
const cases: readonly Case[] = [
  ['new module, no schema change', 'module install acme-blog-1.0.0.jar on prod --schema none', dxp71, 'eligible', 'no schema change'],
  ['new module, compatible', 'module install acme-blog-1.0.0.jar on prod --schema compatible', dxp71, 'eligible', 'backward-compatible'],
  ['new module, no declaration', 'module install acme-blog-1.0.0.jar on prod', dxp71, 'needs-confirmation', 'no schema declaration for acme-blog-1.0.0.jar'],
  ['new module modifying data', 'module install acme-blog-1.0.0.jar on prod --schema breaking', dxp71, 'ineligible', 'breaking'],
  ['module update, compatible', 'module update acme-orders-2.1.0.jar on prod --schema compatible', dxp71, 'eligible', 'backward-compatible'],
  ['module update, breaking', 'module update acme-orders-3.0.0.jar on prod --schema breaking', dxp71, 'ineligible', 'all nodes must be down'],
  ['module update, undeclared', 'module update acme-orders-3.0.0.jar on prod', dxp71, 'needs-confirmation', 'Liferay-Require-SchemaVersion'],
  ['lpkg update', 'module update Liferay-Forms.lpkg on prod --schema none', dxp71, 'eligible', 'never hot-deployed'],
  ['plugin install', 'plugin install acme-theme.war on prod --schema none', dxp71, 'eligible', 'acme-theme.war is put in place while each node is stopped'],
  ['plugin update, breaking', 'plugin update acme-portlet.war on prod --schema breaking', dxp71, 'ineligible', 'acme-portlet.war'],
  ['fix pack install, revertible range', 'fixpack install de-29-7010 on prod', dxp70, 'eligible', 'de-29-7010 directly follows installed de-28-7010'],
  ['fix pack install across de-30 (KB example)', 'fixpack install de-32-7010 on prod', dxp70, 'ineligible', 'de-30-7010 lies between installed de-28-7010 and target de-32-7010 and is non-revertible: all nodes must be down'],
  ['fix pack install across dxp-15 (issue example)', 'fixpack install dxp-16-7110 on prod', dxp71, 'ineligible', 'dxp-15-7110 lies between installed dxp-14-7110 and target dxp-16-7110 and is non-revertible: all nodes must be down'],
  ['fix pack install across several', 'fixpack install dxp-24-7110 on prod', dxp71, 'ineligible', 'dxp-15-7110, dxp-17-7110, dxp-20-7110 and dxp-23-7110 lie between'],
  ['fix pack target non-revertible', 'fixpack install dxp-15-7110 on prod', dxp71, 'ineligible', 'dxp-15-7110 is non-revertible'],
  ['fix pack from zip name', 'fixpack install liferay-fix-pack-de-29-7010.zip on prod', dxp70, 'eligible', 'de-29-7010'],
  ['unknown fix pack ending in zero', 'fixpack install dxp-10-7210 on prod', dxp72, 'needs-confirmation', 'ends in zero'],
  ['unknown zero in range', 'fixpack install de-41-7010 on prod', { ...dxp70, patches: ['de-39-7010'] }, 'needs-confirmation', 'de-40-7010 lies between'],
  ['fix pack with no fix pack installed', 'fixpack install de-4-7010 on prod', { ...dxp70, patches: [] }, 'eligible', 'no non-revertible fix pack lies between no installed fix pack and target de-4-7010'],
  ['fix pack, installed level unknown', 'fixpack install de-29-7010 on prod', { product: 'dxp-7.0' }, 'needs-confirmation', 'installed fix pack level of prod is unknown'],
  ['fix pack lower than installed', 'fixpack install dxp-12-7110 on prod', dxp71, 'error', 'fixpack revert dxp-14-7110 on prod'],
  ['fix pack already installed', 'fixpack install dxp-14-7110 on prod', dxp71, 'error', 'already installed'],
  ['fix pack for another build', 'fixpack install dxp-2-7210 on prod', dxp71, 'error', 'built for DXP 7.2 (build 7210) but prod runs DXP 7.1 (build 7110)'],
  ['fix pack on 7.4', 'fixpack install dxp-2-7310 on prod', dxp74, 'error', 'DXP 7.4 has no fix packs'],
  ['fix pack revert, revertible', 'fixpack revert dxp-14-7110 on prod', { ...dxp71, fixpackBefore: { 'dxp-14-7110': 'dxp-13-7110' } }, 'eligible', 'goes back to dxp-13-7110'],
  ['fix pack revert, level before unknown', 'fixpack revert dxp-14-7110 on prod', dxp71, 'needs-confirmation', 'the fix pack level prod had before dxp-14-7110 is unknown'],
  ['fix pack revert, non-revertible', 'fixpack revert dxp-1-7310 on prod', dxp73, 'error', 'needs the database backup taken before dxp-1-7310 was installed restored'],
  ['fix pack revert, not installed', 'fixpack revert dxp-13-7110 on prod', dxp71, 'error', 'not the installed fix pack of prod (installed: dxp-14-7110)'],
  ['fix pack revert, ends in zero', 'fixpack revert dxp-30-7110 on prod', { ...dxp71, patches: ['dxp-30-7110'] }, 'needs-confirmation', 'confirm it is revertible'],
  ['hotfix install', 'hotfix install liferay-hotfix-4445-7210.zip on prod', dxp72, 'eligible', 'hotfix-4445-7210 is not marked as breaking'],
  ['hotfix install, breaking (facts)', 'hotfix install hotfix-2001-7210 on prod', dxp72, 'ineligible', 'marked as breaking'],
  ['hotfix revert', 'hotfix revert hotfix-1234-7210 on prod', dxp72, 'eligible', 'can be reverted node by node'],
  ['hotfix revert, not installed', 'hotfix revert hotfix-99-7210 on prod', dxp72, 'error', 'not installed'],
  ['hotfix install, already there', 'hotfix install hotfix-1234-7210 on prod', dxp72, 'error', 'already installed'],
  ['hotfix for another build', 'hotfix install hotfix-4445-7110 on prod', dxp72, 'error', 'built for DXP 7.1'],
  ['quarterly hotfix on its release', 'hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', q12, 'eligible', 'dxp-2026.q1.2-hotfix-1 is built for 2026.q1.2, the release prod runs'],
  ['quarterly hotfix revert', 'hotfix revert liferay-dxp-2026.q1.2-hotfix-1.zip on prod', { ...q12, patches: ['dxp-2026.q1.2-hotfix-1'] }, 'eligible', 'can be reverted node by node'],
  ['quarterly hotfix on another patch release', 'hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', { ...q12, release: '2026.q1.3' }, 'error', 'dxp-2026.q1.2-hotfix-1 is a hotfix for 2026.q1.2 but prod runs 2026.q1.3'],
  ['quarterly hotfix on a fix pack product', 'hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', dxp72, 'error', 'built for DXP 7.4 (build 7413) but prod runs DXP 7.2'],
  ['quarterly hotfix, release unknown', 'hotfix install liferay-dxp-2026.q1.2-hotfix-1.zip on prod', { product: 'dxp-7.4', patches: [], java: '17.0.15' }, 'needs-confirmation', 'the installed release of prod is not known'],
  ['portal-ext.properties set', 'property set session.timeout=30 on prod', dxp71, 'eligible', 'portal-ext.properties'],
  ['portal-ext.properties unset', 'property unset session.timeout on prod', dxp71, 'eligible', 'session.timeout'],
  ['OSGi config', 'config set com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration operationMode=REMOTE on prod', dxp71, 'eligible', 'osgi/configs/'],
  ['JVM option', 'jvm set -Xmx8g on prod', dxp71, 'eligible', 'setenv.sh'],
  ['JVM unset required', 'jvm unset -Dfile.encoding=UTF-8 on prod', dxp71, 'error', 'required by Liferay'],
  ['JVM set required to other value', 'jvm set -Duser.timezone=CET on prod', dxp71, 'error', 'requires -Duser.timezone=GMT'],
  ['Java same major', 'java update 1.8.0_402 on prod', dxp71, 'eligible', 'within major 8'],
  ['Java same major (11)', 'java update 11.0.24 on prod', dxp72, 'eligible', 'within major 11'],
  ['Java new major', 'java update 11.0.22 on prod', dxp71, 'ineligible', 'Java 8 -> 11 is a new major'],
  ['Java unsupported by product', 'java update 17.0.15 on prod', dxp71, 'error', 'Java 17 is not supported by DXP 7.1 (supported: 8, 11)'],
  ['Java unsupported on 7.0', 'java update 11 on prod', dxp70, 'error', 'not supported by DXP 7.0'],
  ['Java 21 on 2024.q2', 'java update 21 on prod', dxp74q2, 'ineligible', 'Java 17 -> 21 is a new major'],
  ['Java 8 on 2024.q2', 'java update 1.8.0_402 on prod', dxp74q2, 'error', 'not supported by 2024.q2.2'],
  ['Java current unknown', 'java update 11.0.22 on prod', { product: 'dxp-7.2' }, 'needs-confirmation', 'not known'],
  ['Java already there', 'java update 1.8.0_292 on prod', dxp71, 'error', 'nothing to do'],
  ['7.4 quarterly release', 'release update 2024.q1.3 on prod', dxp74, 'ineligible', 'Liferay has not stated'],
  ['7.4 update', 'release update 7.4.13-u112 on prod', { product: 'dxp-7.4', release: '7.4.13-u102', java: '11.0.22' }, 'ineligible', 'replaces the bundle'],
  ['release needs Java 17', 'release update 2024.q3.1 on prod', dxp74, 'error', 'needs Java 17 or 21'],
  ['release downgrade', 'release update 2023.q4.5 on prod', dxp74, 'error', 'older than the installed 2024.q1.1'],
  ['release on 7.1', 'release update 2024.q1.3 on prod', dxp71, 'error', 'patched with fix packs'],
  ['Commerce 2.x pairing on fix pack', 'fixpack install dxp-15-7110 on prod', dxp71, 'ineligible', 'Commerce 2.0.5 is installed'],
  ['Commerce update', 'commerce update 2.0.6 on prod --schema compatible', dxp71, 'eligible', 'pair this with the matching fix pack'],
  ['Commerce update undeclared', 'commerce update 2.0.6 on prod', dxp71, 'needs-confirmation', 'Commerce 2.0.6'],
  ['Commerce bundled in 7.3', 'commerce update 3.0.1 on prod', dxp73, 'error', 'bundled'],
  ['Commerce downgrade', 'commerce update 2.0.4 on prod --schema none', dxp71, 'error', 'not newer'],
  ['dry run noted', 'property set a.b=c on prod --dry-run', dxp71, 'eligible', 'dry run'],
];

describe('evaluate: LIFERAY.md §1 rows', () => {
  it.each(cases)('%s: %s', (_row, text, facts, expected, mentions) => {
    const verdict = check(text, facts);
    const kind = verdict.type === 'error' ? 'error' : verdict.verdict;
    expect(kind, summary(verdict)).toBe(expected);
    expect(summary(verdict)).toContain(mentions);
  });
});

describe('evaluate: structure', () => {
  it('says what to do instead when ineligible', () => {
    const verdict = check('fixpack install dxp-16-7110 on prod', dxp71);
    expect(verdict.type === 'verdict' && verdict.reasons.at(-1)).toMatchObject({ rule: 'full-shutdown', message: typedExpect.stringContaining('stop every node') });
  });

  it('names the rule of every reason', () => {
    for (const [, text, facts] of cases) {
      const verdict = check(text, facts);
      if (verdict.type === 'verdict') for (const r of verdict.reasons) expect(r.rule).toMatch(/^[a-z-]+$/);
    }
  });

  it('asks a question for every needs-confirmation verdict and none otherwise', () => {
    for (const [, text, facts, expected] of cases) {
      const verdict = check(text, facts);
      if (verdict.type !== 'verdict') continue;
      expect(verdict.questions.length > 0, text).toBe(expected === 'needs-confirmation');
    }
  });

  const answered: readonly (readonly [string, string, ClusterFacts, EvaluateOptions, string])[] = [
    ['revertible answer settles an unknown zero', 'fixpack install dxp-10-7210 on prod', dxp72, { answers: { revertible: ['dxp-10-7210'] } }, 'eligible'],
    ['a schema answer is the --schema flag', 'module update a.jar on prod --schema none', dxp71, {}, 'eligible'],
    ['java same-major answer yes', 'java update 11.0.22 on prod', { product: 'dxp-7.2' }, { answers: { javaSameMajor: true } }, 'eligible'],
    ['java same-major answer no', 'java update 11.0.22 on prod', { product: 'dxp-7.2' }, { answers: { javaSameMajor: false } }, 'ineligible'],
    ['operator allows patch releases in one quarter', 'release update 2024.q1.3 on prod', dxp74, { policy: { allowRollingPatchRelease: true } }, 'eligible'],
    ['policy does not cover another quarter', 'release update 2024.q2.1 on prod', dxp74, { policy: { allowRollingPatchRelease: true } }, 'ineligible'],
    ['facts nonRevertible extends the catalog', 'fixpack install de-29-7010 on prod', { ...dxp70, nonRevertible: ['de-29-7010'] }, {}, 'ineligible'],
  ];
  it.each(answered)('%s', (_name, text, facts, options, expected) => {
    const verdict = check(text, facts, options);
    expect(verdict.type === 'verdict' ? verdict.verdict : 'error', summary(verdict)).toBe(expected);
  });

  it('a confirmation of revertibility never overrides the catalog', () => {
    const verdict = check('fixpack install dxp-16-7110 on prod', dxp71, { answers: { revertible: ['dxp-15-7110'] } });
    expect(verdict.type === 'verdict' && verdict.verdict).toBe('ineligible');
  });

  it('is pure: the same inputs give the same verdict', () => {
    expect(check('fixpack install dxp-16-7110 on prod', dxp71)).toEqual(check('fixpack install dxp-16-7110 on prod', dxp71));
  });
});
