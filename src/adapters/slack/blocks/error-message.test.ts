import { describe, expect, it } from 'vitest';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { errorMessage } from './error-message.ts';

describe('errorMessage', () => {
  it.each([
    ['a parse error', 'unknown cluster "prdo": known clusters are prod, staging', '⚠️ unknown cluster "prdo": known clusters are prod, staging'],
    ['only the first line', 'expected a patch id\nat token 3', '⚠️ expected a patch id'],
    ['markup', 'no <!channel> & such', '⚠️ no &lt;!channel&gt; &amp; such'],
    ['an empty message', '  ', '⚠️ something went wrong'],
  ])('%s', (_name, message, text) => {
    const m = errorMessage(message);
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.text).toBe(text);
    expect(m.blocks).toHaveLength(1);
  });

  it('cuts a huge message to one short line', () => {
    const m = errorMessage('e'.repeat(50_000));
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.text.length).toBeLessThanOrEqual(503);
    expect(m.text).not.toContain('\n');
  });

  it('adds the usage when asked', () => {
    const m = errorMessage('expected "on <cluster>"', { withUsage: true });
    expect(validateSlackMessage(m)).toEqual([]);
    expect(m.blocks).toHaveLength(2);
    expect(JSON.stringify(m.blocks[1])).toContain('fixpack install|revert');
  });
});
