import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { FormCluster, FormOrigin } from '../../../app/requests/request-form-options.ts';
import { CHANGE_NOUNS } from '../../../domain/request/parse-change.ts';
import { SchemaDeclaration, type ChangeKind } from '../../../domain/request/maintenance-request.ts';
import type { Result } from '../../../domain/result.ts';
import { ACTION_IDS } from './action-ids.ts';
import { context, section } from './block-kit.ts';
import { cutLine } from './cut-text.ts';
import { code, escapeMrkdwn } from './mrkdwn.ts';
import type { Block, ModalView } from './slack-message.ts';
import { parseViewMetadata } from './view-metadata.ts';
import { channel } from '../../../domain/text/rich-text.ts';
import { slackText } from '../render-text.ts';

const channelMention = (id: string): string => slackText([channel(id)]);

/** The form's inputs: `block_id` and `action_id` of each (kind-specific ones end in `-<kind>` so Slack never carries a value to another kind's options). */
export const FORM_FIELDS = {
  cluster: 'rf-cluster',
  kind: 'rf-kind',
  action: 'rf-action',
  artifact: 'rf-artifact',
  patch: 'rf-patch',
  file: 'rf-file',
  pid: 'rf-pid',
  lines: 'rf-lines',
  version: 'rf-version',
  schema: 'rf-schema',
  dryRun: 'rf-dry-run',
} as const;
export type FormField = keyof typeof FORM_FIELDS;

/** The block id of a field (kind-specific fields carry the kind). */
export const fieldBlockId = (field: FormField, kind?: ChangeKind): string => (kind === undefined ? FORM_FIELDS[field] : `${FORM_FIELDS[field]}-${kind}`);

/** What the form carries between its redraws and to its submission (`private_metadata`, JSON). */
export const RequestFormMetadata = z
  .object({
    /** The channel `/liferay` was typed in; absent from a shortcut (each cluster posts in its first request channel). */
    channelId: z.string().regex(/^[A-Z0-9]{2,40}$/).optional(),
    kind: z.enum(CHANGE_NOUNS as [ChangeKind, ...ChangeKind[]]).optional(),
  })
  .strict();
export type RequestFormMetadata = z.infer<typeof RequestFormMetadata>;

export const metadataOf = (origin: FormOrigin, kind: ChangeKind | undefined): RequestFormMetadata => ({
  ...(origin.from === 'channel' ? { channelId: origin.channelId } : {}),
  ...(kind === undefined ? {} : { kind }),
});

export const originOf = (metadata: RequestFormMetadata): FormOrigin => (metadata.channelId === undefined ? { from: 'shortcut' } : { from: 'channel', channelId: metadata.channelId });

/** The submitted or redrawn form's `private_metadata` (untrusted), or why it is not ours. */
export const parseRequestFormMetadata = (raw: unknown): Result<RequestFormMetadata, string> => parseViewMetadata(RequestFormMetadata, raw);

const KIND_LABELS: Readonly<Record<ChangeKind, string>> = {
  fixpack: 'Fix pack',
  hotfix: 'Hotfix',
  module: 'Module (.jar / .lpkg)',
  plugin: 'Plugin (.war)',
  property: 'Portal property',
  config: 'OSGi configuration',
  jvm: 'JVM option',
  java: 'Java version',
  release: 'Release update',
  commerce: 'Commerce version',
};

/** Each kind's verbs, in grammar order (the first is preselected). */
export const KIND_ACTIONS: Readonly<Record<ChangeKind, readonly string[]>> = {
  fixpack: ['install', 'revert'],
  hotfix: ['install', 'revert'],
  module: ['install', 'update'],
  plugin: ['install', 'update'],
  property: ['set', 'unset'],
  config: ['set'],
  jvm: ['set', 'unset'],
  java: ['update'],
  release: ['update'],
  commerce: ['update'],
};

const SCHEMA_LABELS: Readonly<Record<SchemaDeclaration, string>> = {
  none: 'No schema change',
  compatible: 'Backward-compatible schema change',
  breaking: 'Breaking schema change',
};

/** Static select options hold at most 100 options; an option's text 75 characters, its value 150. */
const MAX_OPTIONS = 100;
const OPTION_VALUE_MAX = 150;

const plain = (text: string, max = 75): types.PlainTextElement => ({ type: 'plain_text', text: cutLine(text, max), emoji: true });
const option = (value: string, text: string): types.PlainTextOption => ({ value, text: plain(text) });

type InputElement = types.InputBlock['element'];

const input = (blockId: string, label: string, element: InputElement, extra: { optional?: boolean; hint?: string; dispatch?: boolean } = {}): Block => ({
  type: 'input',
  block_id: blockId,
  label: plain(label, 2000),
  element,
  ...(extra.optional === true ? { optional: true } : {}),
  ...(extra.hint === undefined ? {} : { hint: plain(extra.hint, 2000) }),
  ...(extra.dispatch === true ? { dispatch_action: true } : {}),
});

const textInput = (actionId: string, placeholder: string, multiline = false): types.PlainTextInput => ({
  type: 'plain_text_input',
  action_id: actionId,
  multiline,
  placeholder: plain(placeholder, 150),
});

const select = (actionId: string, placeholder: string, options: readonly types.PlainTextOption[], initial?: types.PlainTextOption): types.StaticSelect => ({
  type: 'static_select',
  action_id: actionId,
  placeholder: plain(placeholder, 150),
  options: options.slice(0, MAX_OPTIONS),
  ...(initial === undefined ? {} : { initial_option: initial }),
});

export interface RequestFormInput {
  readonly origin: FormOrigin;
  readonly clusters: readonly FormCluster[];
  /** The change kind chosen so far (its fields are shown); none at first. */
  readonly kind?: ChangeKind | undefined;
  /** The artifact folder's files that fit the kind. */
  readonly artifacts?: readonly string[];
}

function artifactBlocks(kind: ChangeKind, artifacts: readonly string[]): Block[] {
  const usable = artifacts.filter((file) => file.length <= OPTION_VALUE_MAX);
  const what = kind === 'module' ? '.jar or .lpkg' : kind === 'plugin' ? '.war' : kind === 'hotfix' ? 'hotfix .zip' : 'fix pack .zip';
  const fromFolder = usable.length === 0 ? [] : [input(fieldBlockId('artifact', kind), 'Artifact', select(FORM_FIELDS.artifact, `A ${what} from the artifact folder`, usable.map((f) => option(f, f))), {
    optional: kind === 'fixpack' || kind === 'hotfix' || usable.length > MAX_OPTIONS,
    ...(usable.length > MAX_OPTIONS ? { hint: `The first ${MAX_OPTIONS} of ${usable.length} files: type the name below for another one` } : {}),
  })];
  if (kind === 'fixpack' || kind === 'hotfix') {
    const example = kind === 'fixpack' ? 'dxp-14-7110' : 'hotfix-4445-7110';
    return [
      ...fromFolder,
      input(fieldBlockId('patch', kind), usable.length === 0 ? 'Patch' : 'Or the patch id', textInput(FORM_FIELDS.patch, `e.g. ${example}`), {
        optional: usable.length > 0,
        hint: usable.length === 0 ? `No ${what} in the artifact folder: a revert needs only the id; an install needs its file there` : 'A revert needs only the id',
      }),
    ];
  }
  if (usable.length > 0 && usable.length <= MAX_OPTIONS) return fromFolder;
  return [
    ...fromFolder,
    input(fieldBlockId('file', kind), 'File name', textInput(FORM_FIELDS.file, kind === 'module' ? 'e.g. com.acme.blog-1.0.0.jar' : 'e.g. acme-theme.war'), {
      optional: usable.length > 0,
      ...(usable.length === 0 ? { hint: `No ${what} file in the artifact folder yet: put it there, then name it here` } : {}),
    }),
  ];
}

/** The inputs of one change kind, below the cluster and the kind. */
export function kindBlocks(kind: ChangeKind, artifacts: readonly string[]): Block[] {
  const verbs = KIND_ACTIONS[kind];
  const verbOptions = verbs.map((v) => option(v, v));
  const verb = verbs.length === 1 ? [] : [input(fieldBlockId('action', kind), 'Action', select(FORM_FIELDS.action, 'Action', verbOptions, verbOptions[0]))];
  switch (kind) {
    case 'fixpack':
    case 'hotfix':
      return [...verb, ...artifactBlocks(kind, artifacts)];
    case 'module':
    case 'plugin': {
      const schemas = SchemaDeclaration.options.map((s) => option(s, SCHEMA_LABELS[s]));
      return [
        ...verb,
        ...artifactBlocks(kind, artifacts),
        input(fieldBlockId('schema', kind), 'Database schema', select(FORM_FIELDS.schema, 'Not declared: the bot asks', schemas), {
          optional: true,
          hint: 'What this version does to the database (--schema); left empty, the verdict asks',
        }),
      ];
    }
    case 'property':
      return [
        ...verb,
        input(fieldBlockId('lines', kind), 'Properties', textInput(FORM_FIELDS.lines, 'key=value, one per line (Unset: only the keys)', true), {
          hint: 'portal-ext.properties, one per line: key=value to set (the value may hold spaces, quotes, & …), or only the key to unset',
        }),
      ];
    case 'config':
      return [
        input(fieldBlockId('pid', kind), 'Configuration PID', textInput(FORM_FIELDS.pid, 'e.g. com.liferay.portal.search.elasticsearch7.configuration.ElasticsearchConfiguration')),
        input(fieldBlockId('lines', kind), 'Settings', textInput(FORM_FIELDS.lines, 'key=value, one per line', true), { hint: 'osgi/configs/<pid>.config, one key=value per line' }),
      ];
    case 'jvm':
      return [
        ...verb,
        input(fieldBlockId('lines', kind), 'JVM options', textInput(FORM_FIELDS.lines, 'e.g. -Xmx8g, one per line', true), { hint: 'CATALINA_OPTS in setenv.sh, one option per line' }),
      ];
    case 'java':
      return [input(fieldBlockId('version', kind), 'Java version', textInput(FORM_FIELDS.version, 'e.g. 1.8.0_402, 11.0.22, 17.0.15 or 21'))];
    case 'release':
      return [input(fieldBlockId('version', kind), 'Release', textInput(FORM_FIELDS.version, 'e.g. 7.4.13-u102 or 2024.q1.3'))];
    case 'commerce':
      return [input(fieldBlockId('version', kind), 'Commerce version', textInput(FORM_FIELDS.version, 'e.g. 2.0.7'))];
  }
}

/** Where each offered cluster's request is posted, said once above the fields (channels as mentions). */
function whereLine(input: RequestFormInput): string {
  if (input.origin.from === 'channel') return `The request is posted in ${channelMention(input.origin.channelId)} with its verdict and plan, like a typed ${code('/liferay …')}.`;
  const where = input.clusters.slice(0, 10).map((c) => `${escapeMrkdwn(c.name)} → ${channelMention(c.channelId)}`);
  const more = input.clusters.length > 10 ? ` and ${input.clusters.length - 10} more` : '';
  return `Each cluster's request is posted in its request channel: ${where.join(', ')}${more}.`;
}

/** The request form (`views.open`, redrawn with `views.update` when the kind changes). */
export function requestForm(input: RequestFormInput): ModalView {
  const clusterOptions = input.clusters.map((c) => option(c.name, c.name));
  const onlyCluster = clusterOptions.length === 1 ? clusterOptions[0] : undefined;
  const kindOptions = CHANGE_NOUNS.map((k) => option(k, KIND_LABELS[k]));
  const chosen = input.kind === undefined ? undefined : kindOptions.find((o) => o.value === input.kind);
  const blocks: Block[] = [
    section(whereLine(input)),
    input_(FORM_FIELDS.cluster, 'Cluster', select(FORM_FIELDS.cluster, 'Pick a cluster', clusterOptions, onlyCluster)),
    {
      type: 'input',
      block_id: FORM_FIELDS.kind,
      label: plain('Change'),
      dispatch_action: true,
      element: select(ACTION_IDS.requestFormKind, 'Pick what to change: its fields appear below', kindOptions, chosen),
    },
    ...(input.kind === undefined ? [context('Pick a change: the form shows its fields.')] : kindBlocks(input.kind, input.artifacts ?? [])),
    input_(
      FORM_FIELDS.dryRun,
      'Dry run',
      { type: 'checkboxes', action_id: FORM_FIELDS.dryRun, options: [{ value: 'dry-run', text: plain('Only check and plan: nothing is changed (--dry-run)') }] },
      true,
    ),
  ];
  return {
    type: 'modal',
    callback_id: ACTION_IDS.requestForm,
    title: plain('Maintenance request', 24),
    submit: plain('Check and post', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(metadataOf(input.origin, input.kind)),
    blocks,
  };
}

function input_(blockId: string, label: string, element: InputElement, optional = false): Block {
  return input(blockId, label, element, { optional });
}

/** The form once submitted: what is checked now and where the verdict goes (`response_action: update`), then its outcome. */
export function requestFormOutcome(title: string, lines: readonly string[]): ModalView {
  return {
    type: 'modal',
    callback_id: ACTION_IDS.requestForm,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: lines.slice(0, 10).map((line) => ({ type: 'section', text: { type: 'mrkdwn', text: cutLine(line, 3000), verbatim: true } })),
  };
}
