import { z } from 'zod';
import type { FormCluster } from '../../../app/requests/request-form-options.ts';
import { describeRequest } from '../../../domain/request/describe-request.ts';
import { MaintenanceRequest, SchemaDeclaration, type ChangeKind, type Setting } from '../../../domain/request/maintenance-request.ts';
import { parseCommand } from '../../../domain/request/parse-command.ts';
import { parseFileName } from '../../../domain/request/parse-file-name.ts';
import { parsePatchArgument } from '../../../domain/request/parse-patch-argument.ts';
import { parsePid } from '../../../domain/request/parse-pid.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { ACTION_IDS } from './action-ids.ts';
import { cutLine } from './cut-text.ts';
import { FORM_FIELDS, KIND_ACTIONS, fieldBlockId, type FormField, type RequestFormMetadata } from './request-form.ts';

/** One input's state as Slack sends it in `view.state.values[block_id][action_id]`. */
const InputState = z.looseObject({
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
  });
export const FormStateValues = z.record(z.string(), z.record(z.string(), InputState));
export type FormStateValues = z.infer<typeof FormStateValues>;

/** A submitted form as a request: its canonical text (what the parser accepts back) and where it is posted. */
export interface SubmittedRequest {
  readonly text: string;
  readonly request: MaintenanceRequest;
  readonly cluster: FormCluster;
}

/** `block_id` → what is wrong with that input (`response_action: errors`). */
export type FieldErrors = Readonly<Record<string, string>>;

/** Slack shows a field error under its input; keep it short. */
const ERROR_MAX = 150;

const KIND_VALUES = Object.keys(KIND_ACTIONS) as ChangeKind[];

/** The change kind the form shows (its select's value), if one is chosen. */
export function chosenKind(values: unknown): ChangeKind | undefined {
  const parsed = FormStateValues.safeParse(values);
  const picked = parsed.success ? parsed.data[FORM_FIELDS.kind]?.[ACTION_IDS.requestFormKind]?.selected_option?.value : undefined;
  return KIND_VALUES.find((k) => k === picked);
}

/** `key=value` lines: the first `=` splits (a value may hold `=`); blank lines are skipped; a line without `=` is kept as a key. */
function settingLines(lines: readonly string[]): Result<Setting[], string> {
  const settings: Setting[] = [];
  for (const [index, line] of lines.entries()) {
    const at = line.indexOf('=');
    if (at <= 0) return err(`line ${index + 1} is not key=value`);
    settings.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1) });
  }
  return ok(settings);
}

/**
 * Reads the submitted form into the request it stands for, checked the way typed text is: the
 * request is described in the grammar's canonical words (`describeRequest`) and parsed back
 * (`parseCommand`); whatever the parser refuses is an error on the input it came from.
 */
export function readRequestForm(rawValues: unknown, metadata: RequestFormMetadata, clusters: readonly FormCluster[]): Result<SubmittedRequest, FieldErrors> {
  const parsed = FormStateValues.safeParse(rawValues);
  const values = parsed.success ? parsed.data : {};
  const errors: Record<string, string> = {};
  const fail = (blockId: string, message: string): void => {
    errors[blockId] ??= cutLine(message, ERROR_MAX);
  };
  const stateOf = (field: FormField, kind?: ChangeKind, actionId: string = FORM_FIELDS[field]) => values[fieldBlockId(field, kind)]?.[actionId];
  const textOf = (field: FormField, kind?: ChangeKind): string | undefined => {
    const value = stateOf(field, kind)?.value?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const selectedOf = (field: FormField, kind?: ChangeKind): string | undefined => stateOf(field, kind)?.selected_option?.value ?? undefined;

  const clusterName = selectedOf('cluster');
  const cluster = clusters.find((c) => c.name === clusterName);
  if (cluster === undefined) fail(FORM_FIELDS.cluster, clusterName === undefined ? 'Pick a cluster' : `${clusterName} takes no requests here`);
  const kind = chosenKind(values) ?? metadata.kind;
  if (kind === undefined) {
    fail(FORM_FIELDS.kind, 'Pick what to change');
    return err(errors);
  }
  const verbs = KIND_ACTIONS[kind];
  const verb = selectedOf('action', kind) ?? verbs[0] ?? '';
  if (!verbs.includes(verb)) fail(fieldBlockId('action', kind), `Pick one of ${verbs.join(', ')}`);
  const dryRun = (stateOf('dryRun')?.selected_options ?? []).some((o) => o.value === 'dry-run');
  const schemaPicked = SchemaDeclaration.safeParse(selectedOf('schema', kind));
  const schema = schemaPicked.success ? schemaPicked.data : undefined;
  const lines = (stateOf('lines', kind)?.value ?? '').split(/\r?\n/).map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== '');

  /** The input whose words a refusal of the parser is about. */
  let mainField = fieldBlockId('lines', kind);
  let body: Record<string, unknown> | undefined;
  switch (kind) {
    case 'fixpack':
    case 'hotfix': {
      const typed = textOf('patch', kind);
      const picked = selectedOf('artifact', kind);
      mainField = typed !== undefined || picked === undefined ? fieldBlockId('patch', kind) : fieldBlockId('artifact', kind);
      const word = typed ?? picked;
      if (word === undefined) {
        fail(values[fieldBlockId('artifact', kind)] === undefined ? fieldBlockId('patch', kind) : fieldBlockId('artifact', kind), 'Pick the file or type the patch id');
        break;
      }
      const patch = parsePatchArgument(word, kind, verb);
      if (!patch.ok) fail(mainField, patch.error);
      else body = { kind, action: verb, patch: patch.value };
      break;
    }
    case 'module':
    case 'plugin': {
      const picked = selectedOf('artifact', kind);
      const typed = textOf('file', kind);
      mainField = picked !== undefined ? fieldBlockId('artifact', kind) : fieldBlockId(values[fieldBlockId('file', kind)] === undefined ? 'artifact' : 'file', kind);
      const word = picked ?? typed;
      if (word === undefined) {
        fail(mainField, 'Pick the file');
        break;
      }
      const file = parseFileName(word, kind);
      if (!file.ok) fail(mainField, file.error);
      else body = { kind, action: verb, file: file.value };
      break;
    }
    case 'property': {
      if (lines.length === 0) {
        fail(mainField, verb === 'set' ? 'Give at least one key=value line' : 'Give at least one key');
        break;
      }
      if (verb === 'unset') {
        body = { kind, action: 'unset', keys: lines.map((l) => l.trim()) };
        break;
      }
      const settings = settingLines(lines);
      if (!settings.ok) fail(mainField, settings.error);
      else body = { kind, action: 'set', settings: settings.value };
      break;
    }
    case 'config': {
      const pidText = textOf('pid', kind);
      const pid = pidText === undefined ? err('Give the configuration PID') : parsePid(pidText);
      if (!pid.ok) fail(fieldBlockId('pid', kind), pid.error);
      if (lines.length === 0) {
        fail(mainField, 'Give at least one key=value line');
        break;
      }
      const settings = settingLines(lines);
      if (!settings.ok) fail(mainField, settings.error);
      else if (pid.ok) body = { kind, action: 'set', pid: pid.value, settings: settings.value };
      break;
    }
    case 'jvm':
      if (lines.length === 0) fail(mainField, 'Give at least one JVM option');
      else body = { kind, action: verb, options: lines.map((l) => l.trim()) };
      break;
    case 'java':
    case 'release':
    case 'commerce': {
      mainField = fieldBlockId('version', kind);
      const version = textOf('version', kind);
      if (version === undefined) fail(mainField, 'Give the version');
      else body = kind === 'release' ? { kind, action: 'update', release: version } : { kind, action: 'update', version };
      break;
    }
  }
  if (body === undefined || cluster === undefined || Object.keys(errors).length > 0) return err(errors);
  const candidate = MaintenanceRequest.safeParse({ ...body, cluster: cluster.name, dryRun, ...(schema === undefined ? {} : { schema }) });
  if (!candidate.success) return err({ [mainField]: cutLine(candidate.error.issues.map((i) => i.message).join('; '), ERROR_MAX) });
  // The same words a person would type, parsed back: the form accepts exactly what the grammar accepts.
  const text = describeRequest(candidate.data);
  const reparsed = parseCommand(text);
  if (!reparsed.ok) return err({ [mainField]: cutLine(reparsed.error.reason, ERROR_MAX) });
  if (reparsed.value.type !== 'change' || describeRequest(reparsed.value.request) !== text) {
    return err({ [mainField]: 'These values cannot be written as one request: check spaces and quotes' });
  }
  return ok({ text, request: reparsed.value.request, cluster });
}
