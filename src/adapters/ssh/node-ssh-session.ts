import { constants as osConstants } from 'node:os';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { CodedError } from '../../domain/coded-error.ts';
import type { ShellCommand } from '../../domain/shell/shell-command.ts';
import type { CommandResult, NodeSession, NodeTarget, RunOptions } from '../../app/ports.ts';
import { OutputTail } from './output-tail.ts';
import { SshConnection } from './ssh-connection.ts';
import { isTransientConnectError } from './ssh-connect-error.ts';
import { messageOf } from '../../domain/message-of.ts';

export interface NodeSshSessionSettings {
  /** Pause before each reconnect attempt; its length is the number of attempts. */
  readonly reconnectDelaysMs: readonly number[];
  /** Output kept per stream (stdout, stderr): the last N bytes. */
  readonly maxOutputBytes: number;
  readonly keepaliveIntervalMs: number;
}

/** Characters of output carried in the details of a `step_timeout` / `aborted` / `connection_lost`. */
const DETAIL_TAIL_CHARS = 4096;

type ExecOutcome =
  | { readonly kind: 'done'; readonly exitCode: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'interrupted'; readonly started: boolean; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'stdin_failed'; readonly message: string };

interface ExecAttempt {
  readonly outcome: ExecOutcome;
  readonly stdout: OutputTail;
  readonly stderr: OutputTail;
}

function isShellCommand(value: unknown): value is ShellCommand {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { __brand?: unknown }).__brand === 'ShellCommand' &&
    typeof (value as { text?: unknown }).text === 'string'
  );
}

function exitCodeOf(code: number | null, signal: string | null): number | undefined {
  if (code !== null) return code;
  if (signal !== null) {
    const name = (signal.startsWith('SIG') ? signal : `SIG${signal}`) as keyof typeof osConstants.signals;
    const number = osConstants.signals[name];
    return 128 + (typeof number === 'number' ? number : 0);
  }
  return undefined;
}

/**
 * Standard input from a stream factory, opened on the first read, i.e. once node-ssh pipes it
 * into an open channel (`pipe`: backpressure from the SSH window, so only a window's worth is
 * in memory). Opening lazily matters: node-ssh checks that `stdin` is still readable when the
 * channel opens and would otherwise write the stream object itself into the channel. A throwing
 * factory or a failing stream destroys this stream with the error.
 */
class FactoryStdin extends Readable {
  private source: Readable | undefined;

  constructor(private readonly open: () => NodeJS.ReadableStream) {
    super();
  }

  override _read(): void {
    if (this.source !== undefined) {
      this.source.resume();
      return;
    }
    let opened: NodeJS.ReadableStream;
    try {
      opened = this.open();
    } catch (error) {
      this.destroy(error instanceof Error ? error : new Error(messageOf(error)));
      return;
    }
    const source = opened instanceof Readable ? opened : new Readable().wrap(opened);
    this.source = source;
    source.on('data', (chunk: Buffer | string) => {
      if (!this.push(chunk)) source.pause();
    });
    let ended = false;
    source.on('end', () => {
      ended = true;
      this.push(null);
    });
    source.on('error', (error: Error) => this.destroy(error));
    source.on('close', () => {
      if (!ended) this.destroy(new Error('the stream closed before its end'));
    });
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.source?.destroy();
    callback(error);
  }
}

/** The command's standard input as a Readable for node-ssh. A factory is called once per attempt. */
function stdinStream(stdin: NonNullable<RunOptions['stdin']>): Readable {
  if (typeof stdin === 'function') return new FactoryStdin(stdin);
  const bytes = typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : Buffer.from(stdin.buffer, stdin.byteOffset, stdin.byteLength);
  return Readable.from([bytes], { objectMode: false });
}

function abortError(target: NodeTarget, stdout?: OutputTail, stderr?: OutputTail): CodedError {
  return new CodedError('aborted', `${target.name}: command aborted`, {
    node: target.name,
    stdoutTail: stdout?.lastChars(DETAIL_TAIL_CHARS) ?? '',
    stderrTail: stderr?.lastChars(DETAIL_TAIL_CHARS) ?? '',
  });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<'slept' | 'aborted'> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve('aborted');
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve('aborted');
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve('slept');
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A node's SSH session: one connection, reused; reconnects for idempotent commands. */
export class NodeSshSession implements NodeSession {
  private connection: SshConnection;
  private closed = false;
  private reconnecting: Promise<SshConnection> | undefined;

  constructor(
    readonly target: NodeTarget,
    connection: SshConnection,
    private readonly settings: NodeSshSessionSettings,
  ) {
    this.connection = connection;
  }

  async run(command: ShellCommand, options: RunOptions): Promise<CommandResult> {
    // Only ShellCommands built by `sh`/`rawShell` are accepted: never a bare string.
    if (!isShellCommand(command)) {
      throw new CodedError('not_a_shell_command', `${this.target.name}: run() accepts only a ShellCommand built with sh\`...\``);
    }
    this.assertOpen();
    if (options.signal?.aborted === true) throw abortError(this.target);

    const startedAt = performance.now();
    const delays = this.settings.reconnectDelaysMs;
    let attempt = 0;
    let lastProblem = '';

    for (;;) {
      if (this.connection.lost) {
        const delay = delays[attempt];
        if (delay === undefined) throw this.connectionLost(lastProblem || (this.connection.reason ?? 'connection lost'), attempt);
        attempt += 1;
        if ((await sleep(delay, options.signal)) === 'aborted') throw abortError(this.target);
        this.assertOpen();
        try {
          await this.reconnect();
        } catch (error) {
          if (!isTransientConnectError(error)) throw error;
          lastProblem = messageOf(error);
          continue;
        }
      }

      const { outcome, stdout, stderr } = await this.execOnce(this.connection, command, options);
      switch (outcome.kind) {
        case 'done':
          return {
            exitCode: outcome.exitCode,
            stdout: stdout.text(),
            stderr: stderr.text(),
            durationMs: Math.round(performance.now() - startedAt),
          };
        case 'timeout':
          throw new CodedError('step_timeout', `${this.target.name}: command did not finish within ${options.timeoutMs} ms`, {
            node: this.target.name,
            timeoutMs: options.timeoutMs,
            stdoutTail: stdout.lastChars(DETAIL_TAIL_CHARS),
            stderrTail: stderr.lastChars(DETAIL_TAIL_CHARS),
          });
        case 'aborted':
          throw abortError(this.target, stdout, stderr);
        case 'stdin_failed':
          throw new CodedError('stdin_failed', `${this.target.name}: could not send the command's standard input (${outcome.message}); the command was stopped`, {
            node: this.target.name,
            reason: outcome.message,
            stdoutTail: stdout.lastChars(DETAIL_TAIL_CHARS),
            stderrTail: stderr.lastChars(DETAIL_TAIL_CHARS),
          });
        case 'failed':
          throw new CodedError('exec_failed', `${this.target.name}: the server refused to run the command (${outcome.message})`, {
            node: this.target.name,
          });
        case 'interrupted': {
          this.assertOpen();
          const mayRerun = !outcome.started || options.idempotent === true;
          if (!mayRerun) {
            throw this.connectionLost(outcome.reason, attempt, stdout, stderr);
          }
          lastProblem = outcome.reason;
          if (!this.connection.lost) {
            // The command ended without an exit status on a live connection: re-run after a pause.
            const delay = delays[attempt];
            if (delay === undefined) throw this.connectionLost(outcome.reason, attempt, stdout, stderr);
            attempt += 1;
            if ((await sleep(delay, options.signal)) === 'aborted') throw abortError(this.target);
          }
          continue;
        }
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
    await Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw new CodedError('session_closed', `${this.target.name}: the SSH session is closed`, { node: this.target.name });
  }

  private async reconnect(): Promise<void> {
    this.reconnecting ??= SshConnection.open(this.target, { keepaliveIntervalMs: this.settings.keepaliveIntervalMs }).finally(() => {
      this.reconnecting = undefined;
    });
    const connection = await this.reconnecting;
    if (this.closed) {
      connection.close();
      this.assertOpen();
    }
    if (this.connection !== connection) this.connection = connection;
  }

  private connectionLost(reason: string, attempts: number, stdout?: OutputTail, stderr?: OutputTail): CodedError {
    return new CodedError(
      'connection_lost',
      `${this.target.name}: lost the SSH connection to ${this.target.host}:${this.target.port} (${reason})` +
        (attempts > 0 ? ` after ${attempts} reconnect attempt(s)` : ''),
      {
        node: this.target.name,
        reason,
        reconnectAttempts: attempts,
        stdoutTail: stdout?.lastChars(DETAIL_TAIL_CHARS) ?? '',
        stderrTail: stderr?.lastChars(DETAIL_TAIL_CHARS) ?? '',
      },
    );
  }

  private execOnce(connection: SshConnection, command: ShellCommand, options: RunOptions): Promise<ExecAttempt> {
    const stdout = new OutputTail(this.settings.maxOutputBytes);
    const stderr = new OutputTail(this.settings.maxOutputBytes);
    const decoder = new StringDecoder('utf8');

    return new Promise<ExecAttempt>((resolve) => {
      let channel: ClientChannel | undefined;
      let settled = false;
      const cleanups: (() => void)[] = [];
      const finish = (outcome: ExecOutcome): void => {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups) cleanup();
        if (outcome.kind === 'done' || outcome.kind === 'timeout' || outcome.kind === 'aborted') {
          const rest = decoder.end();
          if (rest !== '' && options.onStdout !== undefined) options.onStdout(rest);
        }
        resolve({ outcome, stdout, stderr });
      };
      const stopRemote = (): void => {
        if (channel === undefined) return;
        try {
          channel.signal('KILL');
        } catch {
          // the channel may already be gone
        }
        channel.close();
      };

      if (connection.lost) {
        finish({ kind: 'interrupted', started: false, reason: connection.reason ?? 'connection lost' });
        return;
      }

      // A fresh stream per attempt. One that fails must not leave the remote command waiting for
      // more input, nor send it end-of-file (which would let `cat > part && mv part file` commit a
      // truncated file): the command is killed and the run fails with `stdin_failed`.
      const stdin = options.stdin !== undefined ? stdinStream(options.stdin) : undefined;
      // Closes the source when the command ends early, times out, is aborted or the connection
      // drops. Not before node-ssh has piped it (see FactoryStdin): then onChannel does it.
      const releaseStdin = (): void => {
        if (stdin !== undefined && channel !== undefined) stdin.destroy();
      };
      if (stdin !== undefined) {
        stdin.on('error', (error: unknown) => {
          stopRemote();
          finish({ kind: 'stdin_failed', message: messageOf(error) });
        });
        cleanups.push(releaseStdin);
      }

      const timer = setTimeout(() => {
        stopRemote();
        finish({ kind: 'timeout' });
      }, options.timeoutMs);
      cleanups.push(() => clearTimeout(timer));

      const signal = options.signal;
      if (signal !== undefined) {
        const onAbort = (): void => {
          stopRemote();
          finish({ kind: 'aborted' });
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', onAbort));
      }

      // ssh2 emits the connection's 'close' before it closes the channels, so a drop is known
      // by the time the channel's close resolves execCommand.
      cleanups.push(
        connection.onLost((reason) => finish({ kind: 'interrupted', started: true, reason })),
      );

      const execOptions = {
        noTrim: true,
        onChannel: (ch: ClientChannel): void => {
          channel = ch;
          ch.on('error', () => undefined);
          if (settled) {
            stopRemote();
            // After node-ssh's pipe (synchronous, right after this), before the first read.
            process.nextTick(releaseStdin);
          }
        },
        onStdout: (chunk: Buffer): void => {
          stdout.push(chunk);
          if (options.onStdout !== undefined && !settled) {
            const text = decoder.write(chunk);
            if (text !== '') options.onStdout(text);
          }
        },
        onStderr: (chunk: Buffer): void => stderr.push(chunk),
        ...(stdin !== undefined ? { stdin } : {}),
      };

      connection.ssh.execCommand(command.text, execOptions).then(
        (response) => {
          if (connection.lost) {
            finish({ kind: 'interrupted', started: true, reason: connection.reason ?? 'connection lost' });
            return;
          }
          const exitCode = exitCodeOf(response.code, response.signal);
          if (exitCode === undefined) {
            finish({ kind: 'interrupted', started: true, reason: 'the command ended without an exit status' });
            return;
          }
          finish({ kind: 'done', exitCode });
        },
        (error: unknown) => {
          const message = messageOf(error);
          if (connection.lost) {
            // A channel that never opened ran nothing; after that we cannot know.
            const started = channel !== undefined || !/channel open failure|no response from server|not connected/i.test(message);
            finish({ kind: 'interrupted', started, reason: connection.reason ?? message });
            return;
          }
          finish({ kind: 'failed', message });
        },
      );
    });
  }
}
