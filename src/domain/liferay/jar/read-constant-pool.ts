import { err, ok, type Result } from '../../result.ts';

/** One constant-pool entry as the JVM spec (§4.4) defines it; index 0 and the slot after a Long/Double hold `undefined`. */
export type PoolEntry =
  | { readonly tag: 'Utf8'; readonly value: string }
  | { readonly tag: 'Integer' | 'Float'; readonly raw: number }
  | { readonly tag: 'Long' | 'Double'; readonly high: number; readonly low: number }
  | { readonly tag: 'Class' | 'String' | 'MethodType' | 'Module' | 'Package'; readonly index: number }
  | { readonly tag: 'Fieldref' | 'Methodref' | 'InterfaceMethodref'; readonly classIndex: number; readonly nameAndTypeIndex: number }
  | { readonly tag: 'NameAndType'; readonly nameIndex: number; readonly descriptorIndex: number }
  | { readonly tag: 'MethodHandle'; readonly kind: number; readonly referenceIndex: number }
  | { readonly tag: 'Dynamic' | 'InvokeDynamic'; readonly bootstrapIndex: number; readonly nameAndTypeIndex: number };

/** What the inspector needs from one class file: its names, its string literals and the members it calls. */
export interface ClassConstants {
  readonly majorVersion: number;
  /** Binary names with slashes, as in the class file (`com/acme/Foo$Bar`). */
  readonly thisClass: string;
  readonly superClass: string | undefined;
  readonly interfaces: readonly string[];
  readonly classRefs: readonly string[];
  readonly strings: readonly string[];
  /** Field and method references: owner class and member name. */
  readonly memberRefs: readonly { readonly owner: string; readonly name: string }[];
  readonly pool: readonly (PoolEntry | undefined)[];
}

class Truncated extends Error {}

/** A bounds-checked big-endian cursor; running past the end throws `Truncated`, caught below. */
class Cursor {
  private at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u1(): number {
    const b = this.bytes[this.at];
    if (b === undefined) throw new Truncated();
    this.at += 1;
    return b;
  }
  u2(): number {
    return (this.u1() << 8) | this.u1();
  }
  u4(): number {
    return ((this.u2() << 16) >>> 0) + this.u2();
  }
  take(length: number): Uint8Array {
    if (this.at + length > this.bytes.length) throw new Truncated();
    const slice = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return slice;
  }
}

/** JVM "modified UTF-8" (NUL as C0 80, supplementary characters as surrogate pairs); bad bytes become U+FFFD. */
function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i] ?? 0;
    if (a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length) {
      units.push(((a & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length) {
      units.push(((a & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f));
      i += 3;
    } else {
      units.push(0xfffd);
      i += 1;
    }
  }
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

function readEntry(tag: number, c: Cursor): PoolEntry | string {
  switch (tag) {
    case 1:
      return { tag: 'Utf8', value: decodeModifiedUtf8(c.take(c.u2())) };
    case 3:
      return { tag: 'Integer', raw: c.u4() };
    case 4:
      return { tag: 'Float', raw: c.u4() };
    case 5:
      return { tag: 'Long', high: c.u4(), low: c.u4() };
    case 6:
      return { tag: 'Double', high: c.u4(), low: c.u4() };
    case 7:
      return { tag: 'Class', index: c.u2() };
    case 8:
      return { tag: 'String', index: c.u2() };
    case 9:
      return { tag: 'Fieldref', classIndex: c.u2(), nameAndTypeIndex: c.u2() };
    case 10:
      return { tag: 'Methodref', classIndex: c.u2(), nameAndTypeIndex: c.u2() };
    case 11:
      return { tag: 'InterfaceMethodref', classIndex: c.u2(), nameAndTypeIndex: c.u2() };
    case 12:
      return { tag: 'NameAndType', nameIndex: c.u2(), descriptorIndex: c.u2() };
    case 15:
      return { tag: 'MethodHandle', kind: c.u1(), referenceIndex: c.u2() };
    case 16:
      return { tag: 'MethodType', index: c.u2() };
    case 17:
      return { tag: 'Dynamic', bootstrapIndex: c.u2(), nameAndTypeIndex: c.u2() };
    case 18:
      return { tag: 'InvokeDynamic', bootstrapIndex: c.u2(), nameAndTypeIndex: c.u2() };
    case 19:
      return { tag: 'Module', index: c.u2() };
    case 20:
      return { tag: 'Package', index: c.u2() };
    default:
      return `unknown constant-pool tag ${tag}`;
  }
}

/**
 * Reads a class file's header, constant pool and class/super/interface names. Never throws: a
 * truncated file, a bad magic number, an unknown tag or an index that points nowhere is a read error.
 */
export function readConstantPool(bytes: Uint8Array): Result<ClassConstants, string> {
  const c = new Cursor(bytes);
  try {
    if (c.u4() !== 0xcafebabe) return err('not a class file (bad magic number)');
    c.u2();
    const majorVersion = c.u2();
    const count = c.u2();
    const pool: (PoolEntry | undefined)[] = [undefined];
    for (let i = 1; i < count; i += 1) {
      const entry = readEntry(c.u1(), c);
      if (typeof entry === 'string') return err(`${entry} at constant ${i}`);
      pool.push(entry);
      if (entry.tag === 'Long' || entry.tag === 'Double') {
        pool.push(undefined);
        i += 1;
      }
    }
    const utf8 = (index: number): string | undefined => {
      const e = pool[index];
      return e?.tag === 'Utf8' ? e.value : undefined;
    };
    const className = (index: number): string | undefined => {
      const e = pool[index];
      return e?.tag === 'Class' ? utf8(e.index) : undefined;
    };
    c.u2();
    const thisClass = className(c.u2());
    if (thisClass === undefined) return err('this_class does not name a class');
    const superIndex = c.u2();
    const superClass = superIndex === 0 ? undefined : className(superIndex);
    if (superIndex !== 0 && superClass === undefined) return err('super_class does not name a class');
    const interfaces: string[] = [];
    const interfaceCount = c.u2();
    for (let i = 0; i < interfaceCount; i += 1) {
      const name = className(c.u2());
      if (name === undefined) return err('an interface entry does not name a class');
      interfaces.push(name);
    }
    const classRefs: string[] = [];
    const strings: string[] = [];
    const memberRefs: { owner: string; name: string }[] = [];
    for (const e of pool) {
      if (e === undefined) continue;
      if (e.tag === 'Class') {
        const name = utf8(e.index);
        if (name !== undefined) classRefs.push(name);
      } else if (e.tag === 'String') {
        const value = utf8(e.index);
        if (value !== undefined) strings.push(value);
      } else if (e.tag === 'Fieldref' || e.tag === 'Methodref' || e.tag === 'InterfaceMethodref') {
        const owner = className(e.classIndex);
        const nat = pool[e.nameAndTypeIndex];
        const name = nat?.tag === 'NameAndType' ? utf8(nat.nameIndex) : undefined;
        if (owner !== undefined && name !== undefined) memberRefs.push({ owner, name });
      }
    }
    return ok({ majorVersion, thisClass, superClass, interfaces, classRefs, strings, memberRefs, pool });
  } catch (error) {
    if (error instanceof Truncated) return err('truncated class file');
    /* v8 ignore next */
    return err(error instanceof Error ? error.message : 'unreadable class file');
  }
}
