import { describe, expect, it } from 'vitest';
import { aRequest } from '../../../test/builders/a-rollout-plan.ts';
import { combineVerdicts, type NodesVerdict } from './combine-verdicts.ts';
import type { Question, Reason, Verdict, VerdictKind } from './verdict.ts';

const request = aRequest('fixpack install dxp-14-7110 on prod');
const reason = (rule: string, message: string, outcome: Reason['outcome'] = 'pass'): Reason => ({ rule, message, outcome });
const question: Question = { topic: 'revertible', text: 'Is dxp-20-7110 revertible?', subjects: ['dxp-20-7110'] };
const SHUTDOWN = reason('full-shutdown', 'do it with the whole cluster down instead', 'note');
const verdict = (kind: VerdictKind, reasons: Reason[], questions: Question[] = []): Verdict => ({ type: 'verdict', verdict: kind, reasons, questions, request });
const error = (rule: string, message: string): Verdict => ({ type: 'error', rule, message, request });
const on = (nodes: string[], v: Verdict): NodesVerdict => ({ nodes, verdict: v });

const shared = reason('patch-build', 'dxp-14-7110 is built for DXP 7.1');

describe('combineVerdicts', () => {
  it.each<[string, NodesVerdict[], Verdict]>([
    ['one group: unchanged, no node names', [on(['node1', 'node2'], verdict('eligible', [shared]))], verdict('eligible', [shared])],
    [
      'all eligible: shared reasons once, the others with their nodes',
      [on(['node1'], verdict('eligible', [shared, reason('fixpack-range', 'follows dxp-13')])), on(['node2', 'node3'], verdict('eligible', [shared, reason('fixpack-range', 'follows dxp-12')]))],
      verdict('eligible', [shared, reason('fixpack-range', 'node1: follows dxp-13'), reason('fixpack-range', 'node2, node3: follows dxp-12')]),
    ],
    [
      'any ineligible: ineligible, the full-shutdown advice once and last',
      [on(['node1'], verdict('ineligible', [shared, reason('fixpack-range', 'dxp-15 lies between', 'block'), SHUTDOWN])), on(['node2'], verdict('eligible', [shared]))],
      verdict('ineligible', [shared, reason('fixpack-range', 'node1: dxp-15 lies between', 'block'), SHUTDOWN]),
    ],
    [
      'ineligible wins over a question (as in evaluate)',
      [on(['node1'], verdict('ineligible', [reason('r', 'blocks', 'block'), SHUTDOWN])), on(['node2'], verdict('needs-confirmation', [reason('q', 'asks', 'confirm')], [question]))],
      verdict('ineligible', [reason('r', 'node1: blocks', 'block'), reason('q', 'node2: asks', 'confirm'), SHUTDOWN]),
    ],
    [
      'any question (none ineligible): needs confirmation, each question once',
      [on(['node1'], verdict('needs-confirmation', [reason('q', 'asks', 'confirm')], [question])), on(['node2'], verdict('needs-confirmation', [reason('q', 'asks', 'confirm')], [question])), on(['node3'], verdict('eligible', []))],
      verdict('needs-confirmation', [reason('q', 'node1, node2: asks', 'confirm')], [question]),
    ],
    [
      'any error: the error, naming its nodes',
      [on(['node1'], error('fixpack-order', 'dxp-14-7110 is lower than the installed dxp-15-7110')), on(['node2', 'node3'], verdict('eligible', [shared]))],
      error('fixpack-order', 'node1: dxp-14-7110 is lower than the installed dxp-15-7110'),
    ],
    [
      'several errors: each with its nodes, the first rule',
      [on(['node1'], error('a', 'first')), on(['node2'], error('b', 'second')), on(['node3'], error('a', 'first'))],
      error('a', 'node1, node3: first; node2: second'),
    ],
    ['the same error everywhere: as it is', [on(['node1'], error('a', 'same')), on(['node2'], error('a', 'same'))], error('a', 'same')],
  ])('%s', (_name, groups, expected) => {
    expect(combineVerdicts(groups)).toEqual(expected);
  });

  it('throws on no groups (a bug in the caller)', () => {
    expect(() => combineVerdicts([])).toThrow(/no verdicts/);
  });
});
