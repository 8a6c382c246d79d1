import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderArtifactSource } from './folder-artifact-source.ts';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

describe('FolderArtifactSource', () => {
  let dir: string;
  let source: FolderArtifactSource;
  // Larger than a read stream's 64 KiB chunk, so hashing and streaming span several reads.
  const fixPack = randomBytes(300 * 1024 + 17);
  const jar = Buffer.from('a module jar\n');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'artifacts-'));
    writeFileSync(join(dir, 'liferay-fix-pack-dxp-14-7110.zip'), fixPack);
    writeFileSync(join(dir, 'module.jar'), jar);
    writeFileSync(join(dir, 'empty.war'), '');
    mkdirSync(join(dir, 'folder.zip'));
    source = new FolderArtifactSource(dir);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('describe', () => {
    it('gives each file its size and sha256, in the order asked', async () => {
      const result = await source.describe(['module.jar', 'liferay-fix-pack-dxp-14-7110.zip', 'empty.war']);
      expect(result).toEqual({
        ok: true,
        value: [
          { file: 'module.jar', bytes: jar.length, sha256: sha256(jar) },
          { file: 'liferay-fix-pack-dxp-14-7110.zip', bytes: fixPack.length, sha256: sha256(fixPack) },
          { file: 'empty.war', bytes: 0, sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
        ],
      });
    });

    it('names every missing file (and a folder) in one error', async () => {
      const result = await source.describe(['module.jar', 'missing-1.zip', 'folder.zip', 'missing-2.jar']);
      expect(result.ok).toBe(false);
      const error = result.ok ? '' : result.error;
      expect(error).toContain('missing-1.zip not found');
      expect(error).toContain('missing-2.jar not found');
      expect(error).toContain('folder.zip is not a file');
      expect(error).toContain(dir);
      expect(error).not.toContain('module.jar');
    });
  });

  describe('open', () => {
    it('streams the file byte for byte', async () => {
      expect((await bytesOf(source.open('liferay-fix-pack-dxp-14-7110.zip'))).equals(fixPack)).toBe(true);
      expect((await bytesOf(source.open('empty.war'))).length).toBe(0);
    });

    it('opens a fresh stream each time', async () => {
      const [a, b] = [source.open('module.jar'), source.open('module.jar')];
      expect(a).not.toBe(b);
      expect((await bytesOf(a)).equals(jar)).toBe(true);
      expect((await bytesOf(b)).equals(jar)).toBe(true);
    });

    it('reports a missing file as an error on the stream, not a throw', async () => {
      const stream = source.open('missing.zip');
      await expect(bytesOf(stream)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('list', () => {
    it('names the files, sorted, without folders or hidden files', async () => {
      writeFileSync(join(dir, '.DS_Store'), '');
      expect(await source.list()).toEqual(['empty.war', 'liferay-fix-pack-dxp-14-7110.zip', 'module.jar']);
    });

    it('is empty for a folder that does not exist', async () => {
      expect(await new FolderArtifactSource(join(dir, 'nope')).list()).toEqual([]);
    });
  });
});
