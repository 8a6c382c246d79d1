import { join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ArtifactReader } from '../../app/ports.ts';
import type { ArtifactContents } from '../../domain/liferay/jar/inspect-artifact.ts';
import type { JarEntry } from '../../domain/liferay/jar/inspect-bundle.ts';
import { err, ok, type Result } from '../../domain/result.ts';

/** Entries the inspector reads; everything else in the zip is skipped without inflating it. */
const wanted = (name: string): boolean => name === 'META-INF/MANIFEST.MF' || name.endsWith('.class') || name.toLowerCase().endsWith('.sql');
/** A bound on what one entry may inflate to (a zip bomb is a read error, not an out-of-memory). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Reads the wanted entries of an open zip, one at a time (lazyEntries); STORED and DEFLATED alike (yauzl inflates). */
async function readEntries(zip: yauzl.ZipFile, keep: (name: string) => boolean): Promise<JarEntry[]> {
  const entries: JarEntry[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => {
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/') || !keep(entry.fileName)) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
          reject(new Error(`${entry.fileName} inflates to ${entry.uncompressedSize} bytes (more than ${MAX_ENTRY_BYTES})`));
          return;
        }
        zip
          .openReadStreamPromise(entry)
          .then(drain)
          .then((bytes) => {
            entries.push({ name: entry.fileName, bytes });
            zip.readEntry();
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return entries;
}

/**
 * Reads a module or plugin artifact from disk with yauzl, streaming entry by entry. An `.lpkg` is
 * a zip of JARs: each nested JAR is read into memory and opened from the buffer (nothing is
 * unpacked to disk). Any zip error is a read error with the reason, never a throw.
 */
export class YauzlArtifactReader implements ArtifactReader {
  /** `dir`: the artifact folder; file names are bare names (the request parser refuses paths). */
  constructor(private readonly dir: string) {}

  async read(file: string): Promise<Result<ArtifactContents, string>> {
    const path = join(this.dir, file);
    try {
      const zip = await yauzl.openPromise(path, { lazyEntries: true });
      if (!path.toLowerCase().endsWith('.lpkg')) return ok({ kind: 'jar', entries: await readEntries(zip, wanted) });
      const nested = await readEntries(zip, (name) => name.toLowerCase().endsWith('.jar'));
      const jars: { name: string; entries: JarEntry[] }[] = [];
      for (const jar of nested) {
        const inner = await yauzl.fromBufferPromise(Buffer.from(jar.bytes), { lazyEntries: true });
        jars.push({ name: jar.name, entries: await readEntries(inner, wanted) });
      }
      return ok({ kind: 'lpkg', jars: jars.sort((a, b) => a.name.localeCompare(b.name)) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return err(`${file} not found in the artifact folder ${this.dir}`);
      return err(`${file} could not be read as a zip: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
