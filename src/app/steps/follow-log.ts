import { CodedError } from '../../domain/coded-error.ts';
import { followFileCommand } from '../../domain/plan/node-commands.ts';
import type { NodeContext } from '../node-context.ts';
import { messageOf } from '../../domain/message-of.ts';

export type FollowResult = { readonly ok: true; readonly line: string } | { readonly ok: false; readonly lastLines: string; readonly error?: string };

/**
 * Follows a remote file from a byte offset as a stream (tail -F over SSH) and stops as soon as
 * `matches` accepts a line, or when `signal` aborts (then `found` is false with error 'stopped').
 * No sleeping between looks: the line is seen the moment it is written.
 */
export async function followLog(
  ctx: NodeContext,
  path: string,
  offset: number,
  timeoutMs: number,
  matches: (line: string) => boolean,
  pid?: number,
  signal?: AbortSignal,
): Promise<FollowResult> {
  const session = ctx.session;
  if (session === undefined) return { ok: false, lastLines: '', error: `not connected to ${ctx.spec.name}` };
  const abort = new AbortController();
  if (signal?.aborted === true) abort.abort();
  const onAbort = (): void => abort.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let partial = '';
  let found: string | undefined;
  const recent: string[] = [];
  const onStdout = (chunk: string): void => {
    if (found !== undefined) return;
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      if (matches(line)) {
        found = line;
        abort.abort();
        return;
      }
    }
  };
  try {
    await session.run(followFileCommand(path, offset, pid), { timeoutMs, onStdout, signal: abort.signal, idempotent: true });
  } catch (error) {
    if (found !== undefined) return { ok: true, line: found };
    if (signal?.aborted === true) return { ok: false, lastLines: [...recent, partial].join('\n').trim(), error: 'stopped' };
    const timedOut = error instanceof CodedError && error.code === 'step_timeout';
    return { ok: false, lastLines: [...recent, partial].join('\n').trim(), ...(timedOut ? {} : { error: messageOf(error) }) };
  } finally {
    // The caller's signal outlives this follow (one per node and wait): its listener goes with it.
    signal?.removeEventListener('abort', onAbort);
  }
  if (found !== undefined) return { ok: true, line: found };
  return { ok: false, lastLines: [...recent, partial].join('\n').trim(), error: pid === undefined ? 'the log stream ended' : `its JVM (pid ${pid}) exited` };
}
