import { describe, expect, it } from 'vitest';
import { PatchCatalog } from '../../liferay/patch-catalog.ts';
import { NO_HISTORY } from '../eligibility-input.ts';
import { commercePairing } from './commerce-pairing.ts';

const check = (target: string, installed: string | undefined): readonly string[] =>
  commercePairing
    .check({
      request: { kind: 'commerce', action: 'update', version: target, cluster: 'prod', dryRun: false },
      facts: installed === undefined ? { product: 'dxp-7.1' } : { product: 'dxp-7.1', commerce: installed },
      catalog: PatchCatalog.parse({}),
      answers: {},
      policy: {},
      history: NO_HISTORY,
    })
    .map((o) => `${o.outcome}: ${o.message}`);

describe('commercePairing: the target must be newer than the installed Commerce', () => {
  it.each<[string, string | undefined, 'newer' | 'not newer']>([
    ['2.0.6', '2.0.5', 'newer'],
    ['2.0.10', '2.0.9', 'newer'],
    ['2.1.0', '2.0.12', 'newer'],
    ['2.0.5', '2.0.5', 'not newer'],
    ['2.0.4', '2.0.5', 'not newer'],
    ['2.0.9', '2.0.10', 'not newer'],
    ['1.1.9', '2.0.0', 'not newer'],
    // installed versions as Liferay writes them, not strict semver: coerced
    ['2.1.0', '2.1', 'not newer'],
    ['2.1.1', '2.1', 'newer'],
    ['2.0.5', '2.0.5-GA1', 'not newer'],
    ['2.0.6', '2.0.5-GA1', 'newer'],
    // nothing installed, or no version at all: not known to be older
    ['2.0.6', undefined, 'newer'],
    ['2.0.6', 'unknown', 'newer'],
  ])('%s over %s: %s', (target, installed, expected) => {
    const refused = check(target, installed).some((m) => m.startsWith('error:') && m.includes('is not newer than the installed'));
    expect(refused).toBe(expected === 'not newer');
  });
});
