import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactSource } from '../../app/ports.ts';
import type { PlanArtifact } from '../../domain/plan/rollout-plan.ts';
import { err, ok, type Result } from '../../domain/result.ts';

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Artifacts from one local folder; names are bare file names (the parser refuses paths). */
export class FolderArtifactSource implements ArtifactSource {
  constructor(private readonly dir: string) {}

  async describe(files: readonly string[]): Promise<Result<PlanArtifact[], string>> {
    const found: PlanArtifact[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const path = join(this.dir, file);
      try {
        const info = await stat(path);
        if (!info.isFile()) problems.push(`${file} is not a file`);
        else found.push({ file, bytes: info.size, sha256: await sha256Of(path) });
      } catch {
        problems.push(`${file} not found in the artifact folder ${this.dir}`);
      }
    }
    return problems.length === 0 ? ok(found) : err(problems.join('; '));
  }

  open(file: string): NodeJS.ReadableStream {
    return createReadStream(join(this.dir, file));
  }

  async list(): Promise<string[]> {
    try {
      const entries = await readdir(this.dir, { withFileTypes: true });
      return entries
        .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
        .map((entry) => entry.name)
        .sort((a, b) => a.localeCompare(b));
    } catch {
      return [];
    }
  }
}
