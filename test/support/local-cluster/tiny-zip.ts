import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly data: string | Buffer;
  /** Deflated (as `jar` writes class files and manifests) or stored. Default: deflated. */
  readonly method?: 'deflate' | 'store';
}

/**
 * A zip archive (a JAR, an .lpkg) of the given entries, written by hand: local headers, central
 * directory, end record; no zip64, no extra fields. For the simulated nodes' osgi/modules and
 * osgi/marketplace; `unzip -p` and Python's zipfile read it like one `jar` made.
 */
export function tinyZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const stored = entry.method === 'store';
    const body = stored ? raw : deflateRawSync(raw);
    const crc = crc32(raw);
    const common = (header: Buffer, at: number): void => {
      header.writeUInt16LE(20, at); // version needed
      header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      header.writeUInt16LE(stored ? 0 : 8, at + 4);
      header.writeUInt16LE(0, at + 6); // time
      header.writeUInt16LE(0x21, at + 8); // date: 1980-01-01
      header.writeUInt32LE(crc, at + 10);
      header.writeUInt32LE(body.length, at + 14);
      header.writeUInt32LE(raw.length, at + 18);
      header.writeUInt16LE(name.length, at + 22);
      header.writeUInt16LE(0, at + 24); // extra
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    common(central, 6);
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A manifest as `jar` writes it: CRLF lines, wrapped at 72 bytes with a one-space continuation. */
export function manifestText(headers: Readonly<Record<string, string>>): string {
  const lines = ['Manifest-Version: 1.0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  const wrapped = lines.flatMap((line) => {
    const out = [line.slice(0, 72)];
    for (let i = 72; i < line.length; i += 71) out.push(` ${line.slice(i, i + 71)}`);
    return out;
  });
  return `${wrapped.join('\r\n')}\r\n\r\n`;
}
