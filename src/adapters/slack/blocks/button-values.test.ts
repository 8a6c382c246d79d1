import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../domain/coded-error.ts';
import { decodeAnswerValue, decodeDecisionValue, encodeAnswerValue, encodeDecisionValue, type DecisionValue } from './button-values.ts';

const decision: DecisionValue = { requestId: 'req-42', planHash: 'ab'.repeat(32), strategy: 'rolling' };

describe('button values', () => {
  it('round-trip a decision value as JSON', () => {
    const raw = encodeDecisionValue(decision);
    expect(JSON.parse(raw)).toEqual(decision);
    expect(decodeDecisionValue(raw)).toEqual(decision);
  });

  it.each([
    { requestId: 'r', question: 0, topic: 'schema', answer: 'breaking' },
    { requestId: 'r', question: 1, topic: 'revertible', answer: 'yes' },
    { requestId: 'r', question: 2, topic: 'java-major', answer: 'no' },
  ] as const)('round-trip the answer $topic=$answer', (value) => {
    expect(decodeAnswerValue(encodeAnswerValue(value))).toEqual(value);
  });

  it.each([
    ['not a string', 42],
    ['not JSON', '{'],
    ['another shape', JSON.stringify({ requestId: 'r' })],
    ['an unknown strategy', JSON.stringify({ ...decision, strategy: 'yolo' })],
    ['extra keys', JSON.stringify({ ...decision, admin: true })],
  ])('decode refuses %s', (_name, raw) => {
    expect(decodeDecisionValue(raw)).toBeUndefined();
  });

  it.each([
    ['an answer outside its topic', () => decodeAnswerValue(JSON.stringify({ requestId: 'r', question: 0, topic: 'revertible', answer: 'compatible' }))],
    ['a negative question index', () => decodeAnswerValue(JSON.stringify({ requestId: 'r', question: -1, topic: 'schema', answer: 'none' }))],
  ])('decode refuses %s', (_name, decode) => {
    expect(decode()).toBeUndefined();
  });

  it('encode refuses a request id that would not fit a button', () => {
    expect(() => encodeDecisionValue({ ...decision, requestId: 'r'.repeat(2000) })).toThrow(CodedError);
  });
});
