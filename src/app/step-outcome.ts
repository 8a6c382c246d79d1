import { maskedFileText } from '../domain/liferay/masked-file-text.ts';
import type { ClusterFacts } from '../domain/liferay/cluster-facts.ts';

/** How one step ended: a value, not an exception (bugs and broken infrastructure still throw). */
export type StepOutcome =
  | { readonly ok: true; readonly detail?: string; readonly facts?: ClusterFacts }
  | {
      readonly ok: false;
      readonly message: string;
      readonly command?: string;
      readonly exitCode?: number;
      readonly outputTail: string;
    };

export const succeeded = (detail?: string): StepOutcome => (detail === undefined ? { ok: true } : { ok: true, detail });

export const failed = (message: string, outputTail = '', extra: { command?: string; exitCode?: number } = {}): StepOutcome => ({
  ok: false,
  message,
  // Output can quote a node's files or options: a secret value in it is never shown or stored.
  outputTail: maskedFileText(outputTail),
  ...extra,
});

/** The last `lines` lines of command output, for reports. */
export function tailOf(text: string, lines = 20): string {
  const all = text.replace(/\s+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}
