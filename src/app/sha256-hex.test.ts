import { describe, expect, it } from 'vitest';
import { aRolloutPlan } from '../../test/builders/a-rollout-plan.ts';
import { sha256Hex } from './sha256-hex.ts';

// The vectors the hand-written SHA-256 of the domain was tested with (FIPS 180-4), one multi-block
// text outside ASCII and the hash of a builder plan, both computed by that implementation before it
// was replaced (the plan's again, with the code of 370261d^, when wait-cluster steps gained
// settleSeconds, and when the preflight probe's title named everything it compares): plans stored
// with the old hash still match; a title change moves it, and a request still waiting for approval
// across such an upgrade is re-evaluated at its approval ("the plan changed"), never run on the old plan.
describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['ünïcode ✓ 🚀 '.repeat(20), '80d3e1c28aceb36395d5a73c3c45803a44da72eb56a867baa2ac7bcad972df19'],
  ])('known vector %j', (input, expected) => {
    expect(sha256Hex(input)).toBe(expected);
  });

  it('hashes a plan as before (same canonical JSON, same SHA-256)', () => {
    expect(aRolloutPlan().build().hash).toBe('0c4b0de74f020d3e034f5dfc8143efbab71d5ccedce252f193816f46887e1457');
  });
});
