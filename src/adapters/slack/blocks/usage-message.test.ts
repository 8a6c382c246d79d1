import { describe, expect, it } from 'vitest';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { SLACK_USAGE as USAGE } from '../render-text.ts';
import { usageMessage } from './usage-message.ts';

describe('usageMessage', () => {
  const m = usageMessage();

  it('is valid', () => expect(validateSlackMessage(m)).toEqual([]));

  it('shows every form of the grammar in a code block', () => {
    const block = JSON.stringify(m.blocks);
    for (const line of USAGE.split('\n')) expect(block).toContain(JSON.stringify(line.replace(/</g, '&lt;').replace(/>/g, '&gt;')).slice(1, -1));
    expect(block).toContain('```');
  });

  it('has the first usage line as text', () => {
    expect(m.text).toBe('Usage: /liferay &lt;change&gt; on &lt;cluster&gt; [--schema none|compatible|breaking] [--dry-run]');
  });
});
