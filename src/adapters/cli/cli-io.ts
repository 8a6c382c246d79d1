/** What a CLI command may touch: output streams, environment and working directory. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Exit codes: 0 done (whatever the verdict), 1 the request cannot be carried out / a run failed, 2 bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
