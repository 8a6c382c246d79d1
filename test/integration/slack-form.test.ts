import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/adapters/slack/blocks/action-ids.ts';
import { FORM_FIELDS, fieldBlockId } from '../../src/adapters/slack/blocks/request-form.ts';
import { CHANNEL, NAMES, PEOPLE, SLACK_MODES, startBotHarness, type BotHarness } from '../support/bot-harness.ts';
import { ifSet } from '../support/if-set.ts';
import type { FakeSlackCall } from '../support/slack/fake-slack-api.ts';
import { renderBlocks } from '../support/slack/render-transcript.ts';
import { shortcutPayload, viewBlockActionsPayload } from '../support/slack/slack-payload-builders.ts';
import { allText } from '../support/slack/slack-user.ts';

type Json = Record<string, unknown>;
type Values = Record<string, Record<string, unknown>>;

const selected = (value: string): Json => ({ type: 'static_select', selected_option: { value } });
const typed = (value: string): Json => ({ type: 'plain_text_input', value });

/** The state of the form with the cluster and kind chosen, and the kind's inputs filled in. */
function formState(kind: string, inputs: Values, dryRun = false): { values: Values } {
  return {
    values: {
      [FORM_FIELDS.cluster]: { [FORM_FIELDS.cluster]: selected('prod') },
      [FORM_FIELDS.kind]: { [ACTION_IDS.requestFormKind]: selected(kind) },
      [FORM_FIELDS.dryRun]: { [FORM_FIELDS.dryRun]: { type: 'checkboxes', selected_options: dryRun ? [{ value: 'dry-run' }] : [] } },
      ...inputs,
    },
  };
}

const viewOf = (call: FakeSlackCall | undefined): Json & { id: string } => {
  const view = call?.response['view'] as (Json & { id: string }) | undefined;
  if (view === undefined) throw new Error(`no view in ${JSON.stringify(call?.response)}`);
  return view;
};

/** The modal as a reader sees it (inputs as `[label]`, section texts as lines). */
const shownView = (view: Json): string =>
  ((view['blocks'] as Json[] | undefined) ?? [])
    .map((b) => (b['type'] === 'input' ? `[${String((b['label'] as Json)['text'])}${b['optional'] === true ? ' (optional)' : ''}]` : renderBlocks([b], '').join('\n')))
    .join('\n');

describe.each(SLACK_MODES)('the request form (modal), Slack delivering over %s', (mode) => {
  let h: BotHarness;
  const transcripts: string[] = [];

  beforeAll(async () => {
    h = await startBotHarness({ nodes: 2, mode });
    h.cluster.addArtifact('liferay-fix-pack-dxp-14-7110.zip', 'fix pack 14');
    h.cluster.addArtifact('com.acme.blog-1.0.0.jar', 'jar v1');
    h.cluster.addArtifact('acme-theme.war', 'war v1');
  }, 180_000);

  afterAll(async () => {
    if (transcripts.length > 0) process.stdout.write(`\n${transcripts.join('\n\n')}\n`);
    await ifSet(h)?.stop();
  });

  const submit = (view: Json & { id: string }, state: { values: Values }, user: string = PEOPLE.requester) =>
    h.delivery.viewSubmission({
      user: { id: user, username: NAMES[user] ?? user, name: NAMES[user] ?? user },
      view: { id: view.id, callback_id: ACTION_IDS.requestForm, private_metadata: String(view['private_metadata']), state },
    });

  const pickKind = async (view: Json & { id: string }, kind: string): Promise<Json & { id: string }> => {
    const before = h.fake.calls('views.update').length;
    const response = await h.delivery.interactive(
      viewBlockActionsPayload({
        user: { id: PEOPLE.requester },
        view,
        state: formState(kind, {}),
        actions: [{ action_id: ACTION_IDS.requestFormKind, block_id: FORM_FIELDS.kind, selected_option: { value: kind } } as never],
      }),
    );
    expect(response.status).toBe(200);
    const updated = h.fake.calls('views.update').slice(before).at(-1);
    expect(updated?.response).toMatchObject({ ok: true });
    return viewOf(updated);
  };

  it('opens on /liferay with no text, in place of the usage; the kind pick redraws it with that kind’s fields and artifacts', async () => {
    const response = await h.slash('');
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('Usage');
    const opened = h.fake.calls('views.open').at(-1);
    expect(opened?.response['ok']).toBe(true);
    const view = viewOf(opened);
    expect(view['callback_id']).toBe(ACTION_IDS.requestForm);
    expect(JSON.parse(String(view['private_metadata']))).toEqual({ channelId: CHANNEL });
    transcripts.push(`--- the form as opened ---\n${shownView(view)}`);

    const module = await pickKind(view, 'module');
    const shown = JSON.stringify(module['blocks']);
    expect(shown).toContain('"value":"com.acme.blog-1.0.0.jar"');
    expect(shown).not.toContain('liferay-fix-pack-dxp-14-7110.zip');
    expect(shown).not.toContain('acme-theme.war');
    transcripts.push(`--- after picking "module" ---\n${shownView(module)}`);
    const fixpack = await pickKind(module, 'fixpack');
    expect(JSON.stringify(fixpack['blocks'])).toContain('"value":"liferay-fix-pack-dxp-14-7110.zip"');
    expect(JSON.stringify(fixpack['blocks'])).not.toContain('com.acme.blog-1.0.0.jar');
  });

  it('posts what it submits exactly as the typed request, with the command line to learn from', async () => {
    await h.slash('');
    const view = viewOf(h.fake.calls('views.open').at(-1));
    const module = await pickKind(view, 'module');
    const posts = h.fake.calls('chat.postMessage').length;
    const response = await submit(
      module,
      formState('module', {
        [fieldBlockId('action', 'module')]: { [FORM_FIELDS.action]: selected('install') },
        [fieldBlockId('artifact', 'module')]: { [FORM_FIELDS.artifact]: selected('com.acme.blog-1.0.0.jar') },
        [fieldBlockId('schema', 'module')]: { [FORM_FIELDS.schema]: selected('none') },
      }),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ response_action: 'update' });
    expect(h.fake.calls('chat.postMessage').length).toBe(posts + 1);
    const message = h.latest();
    expect(allText(message)).toContain('/liferay module install com.acme.blog-1.0.0.jar on prod --schema none');
    expect(allText(message)).toContain('Eligible for a rolling restart');
    const record = h.deps.store.list({ limit: 1 })[0];
    expect(record).toMatchObject({ requestText: 'module install com.acme.blog-1.0.0.jar on prod --schema none', requestedBy: PEOPLE.requester, channelId: CHANNEL, messageTs: message.ts });
    const outcome = viewOf(h.fake.calls('views.update').at(-1));
    expect(shownView(outcome)).toContain('Posted in <#C0PROD>');
    transcripts.push(`--- the form after "Check and post" ---\n${shownView(outcome)}`);
    transcripts.push(`--- the channel ---\n${renderBlocks(message.blocks, message.text).map((l) => `  │ ${l}`).join('\n')}`);
  });

  it.each([
    ['a setting line without =', 'property', { [fieldBlockId('lines', 'property')]: { [FORM_FIELDS.lines]: typed('session.timeout=30\nlocale') } }, fieldBlockId('lines', 'property'), 'line 2 is not key=value'],
    ['a Java version that is none', 'java', { [fieldBlockId('version', 'java')]: { [FORM_FIELDS.version]: typed('eleven') } }, fieldBlockId('version', 'java'), 'is not a Java version'],
  ])('answers %s with an error on that input, and posts and stores nothing', async (_name, kind, inputs, blockId, message) => {
    await h.slash('');
    const view = await pickKind(viewOf(h.fake.calls('views.open').at(-1)), kind);
    const posts = h.fake.calls('chat.postMessage').length;
    const stored = h.deps.store.list({}).length;
    const response = await submit(view, formState(kind, inputs));
    const body = JSON.parse(response.body) as Json;
    expect(body['response_action']).toBe('errors');
    expect(String((body['errors'] as Json)[blockId])).toContain(message);
    expect(h.fake.calls('chat.postMessage').length).toBe(posts);
    expect(h.deps.store.list({}).length).toBe(stored);
  });

  it('says in the form what the verdict refuses (nothing is posted)', async () => {
    await h.slash('');
    const view = await pickKind(viewOf(h.fake.calls('views.open').at(-1)), 'java');
    const posts = h.fake.calls('chat.postMessage').length;
    await submit(view, formState('java', { [fieldBlockId('version', 'java')]: { [FORM_FIELDS.version]: typed('17.0.15') } }));
    expect(h.fake.calls('chat.postMessage').length).toBe(posts);
    expect(shownView(viewOf(h.fake.calls('views.update').at(-1)))).toContain('Java 17 is not supported by DXP 7.1');
  });

  it('opens from the global shortcut and posts in the cluster’s request channel', async () => {
    const response = await h.delivery.interactive({ ...shortcutPayload({ callback_id: ACTION_IDS.newRequestShortcut, user: { id: PEOPLE.requester } }) });
    expect(response.status).toBe(200);
    const view = viewOf(h.fake.calls('views.open').at(-1));
    expect(JSON.parse(String(view['private_metadata']))).toEqual({});
    expect(shownView(view)).toContain('prod → <#C0PROD>');
    const property = await pickKind(view, 'property');
    await submit(
      property,
      formState('property', { [fieldBlockId('action', 'property')]: { [FORM_FIELDS.action]: selected('set') }, [fieldBlockId('lines', 'property')]: { [FORM_FIELDS.lines]: typed('session.timeout=45') } }, true),
    );
    const message = h.latest();
    expect(message.channel).toBe(CHANNEL);
    expect(allText(message)).toContain('/liferay property set session.timeout=45 on prod --dry-run');
  });

  it('says in the form when the verdict cannot be posted in the channel', async () => {
    await h.slash('');
    const view = await pickKind(viewOf(h.fake.calls('views.open').at(-1)), 'java');
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await submit(view, formState('java', { [fieldBlockId('version', 'java')]: { [FORM_FIELDS.version]: typed('1.8.0_402') } }, true));
    expect(shownView(viewOf(h.fake.calls('views.update').at(-1)))).toContain('I am not in <#C0PROD>: invite @liferay-rollout to <#C0PROD> (/invite @liferay-rollout), then ask again. Nothing was requested');
    // The request is withdrawn, not left open for nobody to approve.
    const last = h.deps.store.list({ limit: 1 })[0];
    expect(last?.status).toBe('superseded');
  });

  it('says in one line when the channel takes no requests, and opens nothing', async () => {
    const opened = h.fake.calls('views.open').length;
    const response = await h.slash('', PEOPLE.requester, 'C0ELSEWHERE');
    expect(response.body).toContain('No cluster takes requests in <#C0ELSEWHERE>');
    expect(response.body).toContain('ephemeral');
    expect(h.fake.calls('views.open').length).toBe(opened);
  });
});
