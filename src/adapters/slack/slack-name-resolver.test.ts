import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../../test/support/slack/fake-slack-api.ts';
import { recordingSlackLogger } from '../../../test/support/slack/recording-slack-logger.ts';
import { SlackNameResolver } from './slack-name-resolver.ts';

describe('SlackNameResolver: names for messages that must not mention (notify: none)', () => {
  let fake: FakeSlackApi;
  let client: webApi.WebClient;
  let now: number;

  beforeEach(async () => {
    fake = await startFakeSlackApi({ users: { U0LI: 'li', U0BOB: { name: 'bob', real_name: 'Bob Builder', display_name: 'bobby' }, U0ANON: { name: 'anon', display_name: '' } } });
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 }, logger: recordingSlackLogger() });
    now = 0;
  });

  afterEach(async () => {
    await fake.close();
  });

  it('reads display names, falls back to the real name, and leaves out a user it cannot read', async () => {
    const names = await new SlackNameResolver(client).namesOf(['U0LI', 'U0BOB', 'U0ANON', 'U0GONE']);
    expect(names).toEqual({ U0LI: 'li', U0BOB: 'bobby', U0ANON: 'anon' });
  });

  it('asks Slack once per user within the cache time, again after it', async () => {
    const resolver = new SlackNameResolver(client, 60_000, () => now);
    await resolver.namesOf(['U0LI', 'U0LI']);
    await resolver.namesOf(['U0LI', 'U0GONE']);
    await resolver.namesOf(['U0GONE']);
    expect(fake.calls('users.info').map((c) => c.args['user'])).toEqual(['U0LI', 'U0GONE']);
    now = 60_001;
    await resolver.namesOf(['U0LI']);
    expect(fake.calls('users.info')).toHaveLength(3);
  });
});
