import { describe, expect, it } from 'vitest';
import { validateSlackView } from '../../../../test/support/slack/validate-slack-message.ts';
import { CHANGE_NOUNS } from '../../../domain/request/parse-change.ts';
import type { ChangeKind } from '../../../domain/request/maintenance-request.ts';
import { ACTION_IDS } from './action-ids.ts';
import { FORM_FIELDS, fieldBlockId, parseRequestFormMetadata, requestForm, requestFormOutcome } from './request-form.ts';

type Json = Record<string, unknown>;

const clusters = [{ name: 'prod', channelId: 'C0PROD' }];
const inChannel = { from: 'channel', channelId: 'C0PROD' } as const;
const blockIds = (view: { blocks: readonly unknown[] }): string[] => view.blocks.flatMap((b) => (typeof (b as Json)['block_id'] === 'string' ? [String((b as Json)['block_id'])] : []));

const ARTIFACTS: Readonly<Record<ChangeKind, readonly string[]>> = {
  fixpack: ['liferay-fix-pack-dxp-14-7110.zip'],
  hotfix: ['liferay-hotfix-4445-7110.zip'],
  module: ['com.acme.blog-1.0.0.jar'],
  plugin: ['acme-theme.war'],
  property: [],
  config: [],
  jvm: [],
  java: [],
  release: [],
  commerce: [],
};

const FIELDS: Readonly<Record<ChangeKind, readonly string[]>> = {
  fixpack: ['action', 'artifact', 'patch'],
  hotfix: ['action', 'artifact', 'patch'],
  module: ['action', 'artifact', 'schema'],
  plugin: ['action', 'artifact', 'schema'],
  property: ['action', 'lines'],
  config: ['pid', 'lines'],
  jvm: ['action', 'lines'],
  java: ['version'],
  release: ['version'],
  commerce: ['version'],
};

describe('requestForm', () => {
  it('opens with the cluster, the change kind (redraws on pick) and dry run, and is a valid modal', () => {
    const view = requestForm({ origin: inChannel, clusters });
    expect(validateSlackView(view)).toEqual([]);
    expect(view.callback_id).toBe(ACTION_IDS.requestForm);
    expect(blockIds(view)).toEqual([FORM_FIELDS.cluster, FORM_FIELDS.kind, FORM_FIELDS.dryRun]);
    expect(view.blocks.find((b) => (b as unknown as Json)['block_id'] === FORM_FIELDS.kind)).toMatchObject({ dispatch_action: true, element: { action_id: ACTION_IDS.requestFormKind } });
    // The only cluster of the channel is preselected.
    expect(JSON.stringify(view.blocks)).toContain('"initial_option":{"value":"prod"');
    expect(parseRequestFormMetadata(view.private_metadata)).toEqual({ ok: true, value: { channelId: 'C0PROD' } });
  });

  it.each(CHANGE_NOUNS.map((kind) => [kind] as const))('shows the fields of %s, within the limits', (kind) => {
    const view = requestForm({ origin: inChannel, clusters, kind, artifacts: ARTIFACTS[kind] });
    expect(validateSlackView(view)).toEqual([]);
    expect(blockIds(view)).toEqual([FORM_FIELDS.cluster, FORM_FIELDS.kind, ...FIELDS[kind].map((f) => fieldBlockId(f as keyof typeof FORM_FIELDS, kind)), FORM_FIELDS.dryRun]);
    expect(parseRequestFormMetadata(view.private_metadata)).toEqual({ ok: true, value: { channelId: 'C0PROD', kind } });
  });

  it('offers the artifact folder’s files, and a file name input when the folder has none', () => {
    const withFiles = JSON.stringify(requestForm({ origin: inChannel, clusters, kind: 'module', artifacts: ['a.jar', 'b.lpkg'] }).blocks);
    expect(withFiles).toContain('"value":"a.jar"');
    expect(withFiles).toContain('"value":"b.lpkg"');
    const none = requestForm({ origin: inChannel, clusters, kind: 'module', artifacts: [] });
    expect(blockIds(none)).toContain(fieldBlockId('file', 'module'));
    expect(JSON.stringify(none.blocks)).toContain('No .jar or .lpkg file in the artifact folder');
  });

  it('stays valid with 300 artifacts and 40 clusters (at most 100 options per select)', () => {
    const many = Array.from({ length: 300 }, (_, i) => `module-${i}.jar`);
    const lots = Array.from({ length: 40 }, (_, i) => ({ name: `cluster-${i}`, channelId: `C0${i}` }));
    const view = requestForm({ origin: { from: 'shortcut' }, clusters: lots, kind: 'module', artifacts: many });
    expect(validateSlackView(view)).toEqual([]);
    const optionCounts = view.blocks.flatMap((b) => {
      const options = ((b as unknown as Json)['element'] as Json | undefined)?.['options'];
      return Array.isArray(options) ? [options.length] : [];
    });
    expect(optionCounts).toEqual([40, 10, 2, 100, 3, 1]);
    expect(JSON.stringify(view.blocks)).toContain('The first 100 of 300 files');
  });

  it('from a shortcut names where each cluster posts, and carries no channel', () => {
    const view = requestForm({ origin: { from: 'shortcut' }, clusters: [...clusters, { name: 'staging', channelId: 'C0STAGE' }] });
    expect(JSON.stringify(view.blocks)).toContain('prod → <#C0PROD>, staging → <#C0STAGE>');
    expect(parseRequestFormMetadata(view.private_metadata)).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['not JSON', '{'],
    ['a foreign field', JSON.stringify({ channelId: 'C0PROD', requestId: 'x' })],
    ['a channel that is not an id', JSON.stringify({ channelId: '<!channel>' })],
    ['an unknown kind', JSON.stringify({ kind: 'shell' })],
  ])('refuses metadata with %s', (_name, raw) => {
    expect(parseRequestFormMetadata(raw).ok).toBe(false);
  });

  it('shows an outcome as a valid modal without inputs, user text verbatim', () => {
    const view = requestFormOutcome('Request posted', ['✅ Posted', 'x'.repeat(5000)]);
    expect(validateSlackView(view)).toEqual([]);
    expect(view.blocks[0]).toMatchObject({ text: { verbatim: true } });
  });
});
