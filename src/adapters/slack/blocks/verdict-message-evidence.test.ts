import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderBlocks } from '../../../../test/support/slack/render-transcript.ts';
import { validateSlackMessage } from '../../../../test/support/slack/validate-slack-message.ts';
import { inspectRequestArtifacts } from '../../../app/inspect-request-artifacts.ts';
import { evaluate } from '../../../domain/eligibility/evaluate.ts';
import { EMPTY_CATALOG } from '../../../domain/liferay/patch-catalog.ts';
import { parseRequest } from '../../../domain/request/parse-request.ts';
import { YauzlArtifactReader } from '../../artifacts/yauzl-artifact-reader.ts';
import { verdictMessage } from './verdict-message.ts';

const jars = fileURLToPath(new URL('../../../../test/fixtures/jars/', import.meta.url));

describe('the verdict message names the JAR evidence (real fixture JARs)', () => {
  it.each([
    ['drop-column.jar', 'Not eligible', 'com.acme.foo.internal.UpgradeFooDropColumn#alterTableDropColumn'],
    ['code-only.jar', 'Eligible', 'makes no schema change'],
  ])('%s: valid Block Kit, the evidence shown', async (file, headline, evidence) => {
    const parsed = parseRequest(`module update ${file} on prod`);
    if (!parsed.ok) throw new Error(parsed.error.reason);
    const facts = { product: 'dxp-7.4' as const, modules: { 'com.acme.foo.service': { version: '1.0.0', schemaVersion: '1.0.0' } } };
    const artifacts = await inspectRequestArtifacts(parsed.value, facts, new YauzlArtifactReader(jars));
    const message = verdictMessage({ requestId: 'r-1', requestedBy: 'U1', verdict: evaluate(parsed.value, facts, EMPTY_CATALOG, { artifacts }) });
    expect(validateSlackMessage(message)).toEqual([]);
    const lines = renderBlocks(message.blocks, message.text).join('\n');
    expect(lines).toContain(headline);
    expect(lines).toContain(evidence);
  });
});
