import { describe, expect, it } from 'vitest';
import { DeliveryDedupe, type Delivery, type DeliveryVerdict } from './delivery-dedupe.ts';

/** A dedupe on a clock the test moves. */
function dedupe(options: { windowMs?: number; triggerWindowMs?: number; maxKeys?: number } = {}): { d: DeliveryDedupe; advance: (ms: number) => void } {
  let now = 1_000_000;
  return { d: new DeliveryDedupe({ ...options, now: () => now }), advance: (ms) => (now += ms) };
}

const cmd = (trigger: string, text = 'property set a=b on prod'): Delivery => ({ trigger, content: `command:U1:C1:${text}` });

describe('DeliveryDedupe', () => {
  it.each<[string, readonly (Delivery | number)[], readonly DeliveryVerdict[]]>([
    ['one delivery', [cmd('T1')], ['new']],
    ['the same trigger_id twice (a redelivery)', [cmd('T1'), cmd('T1')], ['new', 'repeat']],
    ['three times: the user is told once', [cmd('T1'), cmd('T1'), cmd('T1')], ['new', 'repeat', 'repeat-again']],
    ['the same text with a new trigger_id within the window (a double submit)', [cmd('T1'), 1000, cmd('T2')], ['new', 'repeat']],
    ['the same text after the window', [cmd('T1'), 5000, cmd('T2')], ['new', 'new']],
    ['the same trigger_id after the content window but within its own', [cmd('T1'), 60_000, cmd('T1')], ['new', 'repeat']],
    ['the same trigger_id after its own window', [cmd('T1'), 10 * 60_000, cmd('T1')], ['new', 'new']],
    ['another text', [cmd('T1'), cmd('T2', 'property set a=c on prod')], ['new', 'new']],
    ['no trigger_id: by content only', [{ content: 'x' }, { content: 'x' }], ['new', 'repeat']],
    ['an empty trigger_id is no key', [{ trigger: '', content: 'x' }, 6000, { trigger: '', content: 'x' }], ['new', 'new']],
  ])('%s', (_name, steps, expected) => {
    const { d, advance } = dedupe();
    const verdicts: DeliveryVerdict[] = [];
    for (const step of steps) {
      if (typeof step === 'number') advance(step);
      else verdicts.push(d.check(step));
    }
    expect(verdicts).toEqual(expected);
  });

  it('keeps repeating within the window as long as repeats come (each one extends it)', () => {
    const { d, advance } = dedupe({ windowMs: 5000 });
    expect(d.check({ content: 'x' })).toBe('new');
    advance(4000);
    expect(d.check({ content: 'x' })).toBe('repeat');
    advance(4000);
    expect(d.check({ content: 'x' })).toBe('repeat-again');
  });

  it('remembers at most maxKeys keys, forgetting the oldest first', () => {
    const { d } = dedupe({ maxKeys: 10 });
    for (let i = 0; i < 100; i += 1) d.check({ trigger: `T${i}`, content: `c${i}` });
    expect(d.size).toBeLessThanOrEqual(10);
    expect(d.check({ trigger: 'T99', content: 'c99' })).toBe('repeat');
    expect(d.check({ trigger: 'T0', content: 'c0' })).toBe('new');
  });

  it('forgets what has expired', () => {
    const { d, advance } = dedupe();
    for (let i = 0; i < 50; i += 1) d.check({ trigger: `T${i}`, content: `c${i}` });
    advance(10 * 60_000);
    d.check({ content: 'fresh' });
    expect(d.size).toBe(1);
  });

  it('settled: the same content is new again, the same trigger_id is still a repeat', () => {
    const { d } = dedupe();
    expect(d.check(cmd('T1'))).toBe('new');
    d.settle(cmd('T1'));
    expect(d.check(cmd('T2'))).toBe('new');
    expect(d.check(cmd('T1'))).toBe('repeat');
  });
});
