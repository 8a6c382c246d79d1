import { LogLevel } from '@slack/bolt';
import type { Logger } from '@slack/bolt';

export interface SlackLogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
}

/** A Bolt / web-api `Logger` that prints nothing and keeps what was logged, for assertions. */
export interface RecordingSlackLogger extends Logger {
  readonly entries: SlackLogEntry[];
}

export const recordingSlackLogger = (): RecordingSlackLogger => {
  const entries: SlackLogEntry[] = [];
  let level = LogLevel.DEBUG;
  const keep = (entryLevel: SlackLogEntry['level']) => (...msg: unknown[]): void => {
    entries.push({ level: entryLevel, message: msg.map((part) => (part instanceof Error ? part.message : String(part))).join(' ') });
  };
  return {
    entries,
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
};
