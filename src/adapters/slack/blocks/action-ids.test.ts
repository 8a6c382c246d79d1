import { describe, expect, it } from 'vitest';
import { ACTION_IDS, ANSWER_ACTION_ID, BLOCK_IDS } from './action-ids.ts';

describe('ACTION_IDS', () => {
  const ids = Object.values(ACTION_IDS);

  it('are unique and within Slack limits', () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...ids, ...Object.values(BLOCK_IDS)]) expect(id.length).toBeLessThanOrEqual(255);
  });

  it.each([
    ['answerSchemaNone', true],
    ['answerSchemaCompatible', true],
    ['answerSchemaBreaking', true],
    ['answerRevertibleYes', true],
    ['answerRevertibleNo', true],
    ['answerJavaMajorYes', true],
    ['answerJavaMajorNo', true],
    ['approve', false],
    ['approveFullShutdown', false],
    ['reject', false],
  ] as const)('%s matches the answer pattern: %s', (key, matches) => {
    expect(ANSWER_ACTION_ID.test(ACTION_IDS[key])).toBe(matches);
  });
});
