import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { ClusterFacts } from '../liferay/cluster-facts.ts';
import { PatchCatalog } from '../liferay/patch-catalog.ts';
import { parseRequest } from '../request/parse-request.ts';
import { evaluate, type EvaluateOptions } from './evaluate.ts';
import type { Verdict } from './verdict.ts';

const catalog = PatchCatalog.parse(JSON.parse(readFileSync(new URL('../../../catalog/non-revertible.json', import.meta.url), 'utf8')));

function check(text: string, facts: ClusterFacts, options: EvaluateOptions): Verdict {
  const parsed = parseRequest(text);
  if (!parsed.ok) throw new Error(`test request did not parse: ${text}`);
  return evaluate(parsed.value, facts, catalog, options);
}

function summary(verdict: Verdict): string {
  return verdict.type === 'error' ? `error ${verdict.rule}: ${verdict.message}` : `${verdict.verdict} | ${verdict.reasons.map((r) => `${r.rule}: ${r.message}`).join(' | ')}`;
}

const at = (product: ClusterFacts['product'], ...patches: string[]): ClusterFacts => ({ product, patches, java: '11.0.20' });
const before = (fixpackBefore: Record<string, string | null>): EvaluateOptions => ({ history: { fixpackBefore } });

type Row = readonly [name: string, text: string, facts: ClusterFacts, options: EvaluateOptions, kind: 'eligible' | 'ineligible' | 'needs-confirmation' | 'error', mentions: string, revertTo: string | null];

// LIFERAY.md §2 "Going down": back to the level just before, never silently to GA, never below a non-revertible fix pack.
// revertTo: the fix pack the plan goes back to, null = GA, 'none' = no way back in the verdict.
const rows: readonly Row[] = [
  ['the issue: dxp-19 installed on GA, revert crosses dxp-5/10/15/17', 'fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), before({ 'dxp-19-7110': null }), 'error',
    'reverting dxp-19-7110 goes back to no fix pack at all (GA), below non-revertible dxp-5-7110, dxp-10-7110, dxp-15-7110 and dxp-17-7110', 'none'],
  ['the issue: the database restore it needs', 'fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), before({ 'dxp-19-7110': null }), 'error',
    'this tool cannot do it, neither node by node nor with the whole cluster down. Going below dxp-5-7110 needs the database backup taken before dxp-5-7110 was installed restored', 'none'],
  ['dxp-19, level before unknown: a question, never GA', 'fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), {}, 'needs-confirmation',
    'declare it in the facts, e.g. "fixpackBefore": {"dxp-19-7110": "dxp-18-7110"}', 'none'],
  ['dxp-19 from dxp-18: plain revert', 'fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), before({ 'dxp-19-7110': 'dxp-18-7110' }), 'eligible',
    'reverting dxp-19-7110 goes back to dxp-18-7110, the level before it (from the rollout records): its zip is put back into patches/ and installed; no fix pack lies between them', 'dxp-18-7110'],
  ['dxp-19 from dxp-16: crosses dxp-17', 'fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), before({ 'dxp-19-7110': 'dxp-16-7110' }), 'error',
    'goes back to dxp-16-7110, below non-revertible dxp-17-7110', 'none'],
  ['revertible revert to the previous level', 'fixpack revert dxp-14-7110 on prod', at('dxp-7.1', 'dxp-14-7110'), before({ 'dxp-14-7110': 'dxp-13-7110' }), 'eligible', 'goes back to dxp-13-7110', 'dxp-13-7110'],
  ['several revertible fix packs between', 'fixpack revert dxp-14-7110 on prod', at('dxp-7.1', 'dxp-14-7110'), before({ 'dxp-14-7110': 'dxp-11-7110' }), 'eligible',
    'no non-revertible fix pack lies between them (2 checked)', 'dxp-11-7110'],
  ['to GA only when the history says GA', 'fixpack revert de-4-7010 on prod', at('dxp-7.0', 'de-4-7010'), before({ 'de-4-7010': null }), 'eligible',
    'reverting de-4-7010 goes back to no fix pack at all (GA), the level before it (from the rollout records)', null],
  ['to GA from the first fix pack of a build', 'fixpack revert dxp-1-7210 on prod', at('dxp-7.2', 'dxp-1-7210'), {}, 'eligible', 'the first fix pack of build 7210 has none below it', null],
  ['reverted fix pack itself non-revertible', 'fixpack revert dxp-17-7110 on prod', at('dxp-7.1', 'dxp-17-7110'), {}, 'error',
    'goes back to the level before it, below non-revertible dxp-17-7110 (became DXP 7.1 service pack)', 'none'],
  ['reverted fix pack and one below non-revertible', 'fixpack revert dxp-17-7110 on prod', at('dxp-7.1', 'dxp-17-7110'), before({ 'dxp-17-7110': 'dxp-14-7110' }), 'error',
    'below non-revertible dxp-15-7110 and dxp-17-7110 (dxp-17-7110: became DXP 7.1 service pack)', 'none'],
  ['facts nonRevertible counts on the way down', 'fixpack revert dxp-14-7110 on prod', { ...at('dxp-7.1', 'dxp-14-7110'), nonRevertible: ['dxp-13-7110'] }, before({ 'dxp-14-7110': 'dxp-12-7110' }), 'error',
    'below non-revertible dxp-13-7110', 'none'],
  ['suspect zero in between: confirm', 'fixpack revert dxp-12-7310 on prod', at('dxp-7.3', 'dxp-12-7310'), before({ 'dxp-12-7310': 'dxp-9-7310' }), 'needs-confirmation',
    'goes back to dxp-9-7310, below dxp-10-7310: not in the catalog', 'dxp-9-7310'],
  ['suspect zero in between, confirmed revertible', 'fixpack revert dxp-12-7310 on prod', at('dxp-7.3', 'dxp-12-7310'), { ...before({ 'dxp-12-7310': 'dxp-9-7310' }), answers: { revertible: ['dxp-10-7310'] } }, 'eligible',
    'goes back to dxp-9-7310', 'dxp-9-7310'],
  ['declared facts win over the records', 'fixpack revert dxp-14-7110 on prod', { ...at('dxp-7.1', 'dxp-14-7110'), fixpackBefore: { 'DXP-14-7110': 'dxp-12-7110' } }, before({ 'dxp-14-7110': 'dxp-13-7110' }), 'eligible',
    'goes back to dxp-12-7110, the level before it (declared in the cluster facts as fixpackBefore)', 'dxp-12-7110'],
  ['declared GA (check --facts)', 'fixpack revert dxp-3-7110 on prod', { ...at('dxp-7.1', 'dxp-3-7110'), fixpackBefore: { 'liferay-fix-pack-dxp-3-7110.zip': null } }, {}, 'eligible', 'goes back to no fix pack at all (GA)', null],
  ['a recorded level above the fix pack is not trusted', 'fixpack revert dxp-14-7110 on prod', at('dxp-7.1', 'dxp-14-7110'), before({ 'dxp-14-7110': 'dxp-16-7110' }), 'needs-confirmation',
    '"dxp-16-7110", the level from the rollout records, is not a fix pack of build 7110 below dxp-14-7110', 'none'],
  ['history of another fix pack does not count', 'fixpack revert dxp-14-7110 on prod', at('dxp-7.1', 'dxp-14-7110'), before({ 'dxp-13-7110': 'dxp-12-7110' }), 'needs-confirmation', 'is unknown', 'none'],
];

describe('evaluate: fixpack revert goes back to the level before, with the range rule downward', () => {
  it.each(rows)('%s', (_name, text, facts, options, kind, mentions, revertTo) => {
    const verdict = check(text, facts, options);
    expect(verdict.type === 'error' ? 'error' : verdict.verdict, summary(verdict)).toBe(kind);
    expect(summary(verdict)).toContain(mentions);
    const back = verdict.type === 'verdict' ? verdict.revertTo : undefined;
    expect(back === undefined ? 'none' : (back.fixpack ?? null)).toBe(revertTo);
  });

  it('asks about the missing fact (topic facts) when the level before is unknown', () => {
    const verdict = check('fixpack revert dxp-19-7110 on prod', at('dxp-7.1', 'dxp-19-7110'), {});
    expect(verdict.type === 'verdict' && verdict.questions).toEqual([{ topic: 'facts', text: 'Which fix pack was installed on prod before dxp-19-7110?', subjects: ['fixpackBefore'] }]);
  });

  it('asks whether a suspect in between is revertible', () => {
    const verdict = check('fixpack revert dxp-12-7310 on prod', at('dxp-7.3', 'dxp-12-7310'), before({ 'dxp-12-7310': 'dxp-9-7310' }));
    expect(verdict.type === 'verdict' && verdict.questions).toEqual([{ topic: 'revertible', text: 'Are dxp-10-7310 revertible?', subjects: ['dxp-10-7310'] }]);
  });

  it('never offers a full shutdown for a revert below a non-revertible fix pack', () => {
    for (const [, text, facts, options, kind] of rows) {
      const verdict = check(text, facts, options);
      if (kind === 'error') expect(verdict.type).toBe('error');
      else expect(verdict.type === 'verdict' && verdict.verdict).not.toBe('ineligible');
    }
  });

  it('leaves installs and hotfix reverts without a way back', () => {
    const install = check('fixpack install dxp-15-7110 on prod', at('dxp-7.1', 'dxp-14-7110'), before({ 'dxp-15-7110': 'dxp-14-7110' }));
    const hotfix = check('hotfix revert hotfix-7-7110 on prod', at('dxp-7.1', 'dxp-14-7110', 'hotfix-7-7110'), {});
    expect(install.type === 'verdict' && 'revertTo' in install).toBe(false);
    expect(hotfix.type === 'verdict' && 'revertTo' in hotfix).toBe(false);
  });
});
