import { describe, expect, it } from 'vitest';
import type { ChangeKind } from '../../../domain/request/maintenance-request.ts';
import { ACTION_IDS } from './action-ids.ts';
import { FORM_FIELDS, fieldBlockId, type FormField } from './request-form.ts';
import { readRequestForm } from './request-form-values.ts';

type Values = Record<string, Record<string, unknown>>;

const clusters = [{ name: 'prod', channelId: 'C0PROD' }];
const meta = { channelId: 'C0PROD' };

/** The state Slack sends for a form with these inputs filled in. */
function state(kind: ChangeKind | undefined, fields: Partial<Record<FormField, string>>, options: { cluster?: string; dryRun?: boolean } = {}): Values {
  const values: Values = {
    [FORM_FIELDS.cluster]: { [FORM_FIELDS.cluster]: { type: 'static_select', selected_option: options.cluster === undefined ? { value: 'prod' } : options.cluster === '' ? null : { value: options.cluster } } },
    [FORM_FIELDS.kind]: { [ACTION_IDS.requestFormKind]: { type: 'static_select', selected_option: kind === undefined ? null : { value: kind } } },
    [FORM_FIELDS.dryRun]: { [FORM_FIELDS.dryRun]: { type: 'checkboxes', selected_options: options.dryRun === true ? [{ value: 'dry-run' }] : [] } },
  };
  for (const [field, value] of Object.entries(fields) as [FormField, string][]) {
    const selected = field === 'action' || field === 'artifact' || field === 'schema';
    values[fieldBlockId(field, kind)] = { [FORM_FIELDS[field]]: selected ? { type: 'static_select', selected_option: { value } } : { type: 'plain_text_input', value } };
  }
  return values;
}

describe('readRequestForm', () => {
  it.each([
    ['a fix pack from the folder', 'fixpack', { action: 'install', artifact: 'liferay-fix-pack-dxp-14-7110.zip' }, 'fixpack install dxp-14-7110 on prod'],
    ['a fix pack id typed', 'fixpack', { action: 'revert', patch: 'dxp-14-7110' }, 'fixpack revert dxp-14-7110 on prod'],
    ['a hotfix', 'hotfix', { action: 'install', artifact: 'liferay-hotfix-4445-7110.zip' }, 'hotfix install hotfix-4445-7110 on prod'],
    ['a module with its schema', 'module', { action: 'update', artifact: 'com.acme.blog-1.0.0.jar', schema: 'none' }, 'module update com.acme.blog-1.0.0.jar on prod --schema none'],
    ['a plugin typed', 'plugin', { action: 'install', file: 'acme-theme.war' }, 'plugin install acme-theme.war on prod'],
    ['properties, one per line', 'property', { action: 'set', lines: 'session.timeout=30\n\n  \nlocale.default=en_US  ' }, 'property set session.timeout=30 locale.default=en_US on prod'],
    ['a value holding =', 'property', { action: 'set', lines: 'a.b=x=y' }, 'property set a.b=x=y on prod'],
    ['property keys to unset', 'property', { action: 'unset', lines: 'session.timeout\nlocale.default' }, 'property unset session.timeout locale.default on prod'],
    ['an OSGi config', 'config', { pid: 'com.acme.Foo', lines: 'enabled=true' }, 'config set com.acme.Foo enabled=true on prod'],
    ['JVM options', 'jvm', { action: 'set', lines: '-Xmx8g\n-XX:+UseG1GC' }, 'jvm set -Xmx8g -XX:+UseG1GC on prod'],
    ['a Java update', 'java', { version: '11.0.22' }, 'java update 11.0.22 on prod'],
    ['a release', 'release', { version: '2024.q1.3' }, 'release update 2024.q1.3 on prod'],
    ['a Commerce version', 'commerce', { version: '2.0.7' }, 'commerce update 2.0.7 on prod'],
  ] as const)('reads %s as the canonical request text', (_name, kind, fields, expected) => {
    expect(readRequestForm(state(kind, fields), meta, clusters)).toMatchObject({ ok: true, value: { text: expected, cluster: clusters[0] } });
  });

  it('adds --dry-run when the box is ticked', () => {
    expect(readRequestForm(state('java', { version: '11.0.22' }, { dryRun: true }), meta, clusters)).toMatchObject({ ok: true, value: { text: 'java update 11.0.22 on prod --dry-run' } });
  });

  it.each([
    ['no cluster', 'java', { version: '11' }, { cluster: '' }, FORM_FIELDS.cluster, /Pick a cluster/],
    ['a cluster not offered', 'java', { version: '11' }, { cluster: 'staging' }, FORM_FIELDS.cluster, /staging takes no requests here/],
    ['no kind', undefined, {}, {}, FORM_FIELDS.kind, /Pick what to change/],
    ['a module file with a path', 'module', { action: 'install', file: '../x.jar' }, {}, fieldBlockId('file', 'module'), /path separators/],
    ['a fix pack that is a hotfix', 'fixpack', { action: 'install', patch: 'hotfix-4445-7110' }, {}, fieldBlockId('patch', 'fixpack'), /is a hotfix/],
    ['a setting without =', 'property', { action: 'set', lines: 'a.b=1\njust-a-key' }, {}, fieldBlockId('lines', 'property'), /line 2 is not key=value/],
    ['a key the grammar refuses', 'property', { action: 'set', lines: 'a;b=1' }, {}, fieldBlockId('lines', 'property'), /./],
    ['a PID with a shell character', 'config', { pid: 'com.acme;reboot', lines: 'a=b' }, {}, fieldBlockId('pid', 'config'), /./],
    ['no Java version', 'java', {}, {}, fieldBlockId('version', 'java'), /Give the version/],
    ['a Java version that is none', 'java', { version: 'eleven' }, {}, fieldBlockId('version', 'java'), /is not a Java version/],
    ['a release that is none', 'release', { version: '7.4-latest' }, {}, fieldBlockId('version', 'release'), /is not a release/],
  ] as const)('puts the error of %s on its input', (_name, kind, fields, options, blockId, message) => {
    const read = readRequestForm(state(kind, fields, options), meta, clusters);
    expect(read.ok).toBe(false);
    const errors = read.ok ? {} : read.error;
    expect(errors[blockId]).toMatch(message);
    for (const text of Object.values(errors)) expect(text.length).toBeLessThanOrEqual(150);
  });

  it('takes the kind from the metadata when the state lacks it, and refuses state that is not Slack’s', () => {
    const { [FORM_FIELDS.kind]: _kind, ...values } = state('java', { version: '21' });
    expect(readRequestForm(values, { ...meta, kind: 'java' }, clusters)).toMatchObject({ ok: true, value: { text: 'java update 21 on prod' } });
    expect(readRequestForm('nonsense', meta, clusters).ok).toBe(false);
  });
});
