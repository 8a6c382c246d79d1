import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConstantPool } from './read-constant-pool.ts';

/** A class file by hand: header, the given constant-pool bytes (count given), access/this/super/interfaces. */
function classFile(major: number, count: number, pool: readonly number[], thisIndex: number, superIndex: number, interfaces: readonly number[] = []): Uint8Array {
  const u2 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
  return Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, ...u2(0), ...u2(major), ...u2(count), ...pool, ...u2(0x21), ...u2(thisIndex), ...u2(superIndex), ...u2(interfaces.length), ...interfaces.flatMap(u2)]);
}
const utf8 = (s: string) => [1, 0, s.length, ...Array.from(new TextEncoder().encode(s))];

// Every tag of the JVM spec (§4.4), in one pool; Long and Double take two slots each.
const EVERY_TAG = [
  ...utf8('com/acme/Step'), // 1
  7, 0, 1, // 2 Class com/acme/Step
  ...utf8('java/lang/Object'), // 3
  7, 0, 3, // 4 Class java/lang/Object
  ...utf8('alterTableDropColumn'), // 5
  ...utf8('(Ljava/lang/String;)V'), // 6
  12, 0, 5, 0, 6, // 7 NameAndType
  10, 0, 2, 0, 7, // 8 Methodref com/acme/Step.alterTableDropColumn
  11, 0, 4, 0, 7, // 9 InterfaceMethodref
  9, 0, 2, 0, 7, // 10 Fieldref
  ...utf8('drop table X'), // 11
  8, 0, 11, // 12 String
  3, 0, 0, 0, 42, // 13 Integer
  4, 0x3f, 0x80, 0, 0, // 14 Float
  5, 0, 0, 0, 1, 0, 0, 0, 2, // 15 Long (+16)
  6, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, // 17 Double (+18)
  15, 6, 0, 8, // 19 MethodHandle invokestatic -> 8
  16, 0, 6, // 20 MethodType
  17, 0, 0, 0, 7, // 21 Dynamic
  18, 0, 0, 0, 7, // 22 InvokeDynamic
  19, 0, 1, // 23 Module
  20, 0, 1, // 24 Package
];

describe('readConstantPool', () => {
  it('reads every tag of the JVM spec, Long and Double in two slots, and resolves names, strings and member references', () => {
    const read = readConstantPool(classFile(61, 25, EVERY_TAG, 2, 4));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { pool, ...rest } = read.value;
    expect(pool.map((e) => e?.tag)).toEqual([
      undefined, 'Utf8', 'Class', 'Utf8', 'Class', 'Utf8', 'Utf8', 'NameAndType', 'Methodref', 'InterfaceMethodref', 'Fieldref', 'Utf8', 'String', 'Integer', 'Float',
      'Long', undefined, 'Double', undefined, 'MethodHandle', 'MethodType', 'Dynamic', 'InvokeDynamic', 'Module', 'Package',
    ]);
    expect(rest).toEqual({
      majorVersion: 61,
      thisClass: 'com/acme/Step',
      superClass: 'java/lang/Object',
      interfaces: [],
      classRefs: ['com/acme/Step', 'java/lang/Object'],
      strings: ['drop table X'],
      memberRefs: [
        { owner: 'com/acme/Step', name: 'alterTableDropColumn' },
        { owner: 'java/lang/Object', name: 'alterTableDropColumn' },
        { owner: 'com/acme/Step', name: 'alterTableDropColumn' },
      ],
    });
  });

  it('decodes modified UTF-8 (NUL as C0 80, a 3-byte character)', () => {
    const name = [1, 0, 7, 0x41, 0xc0, 0x80, 0xe2, 0x82, 0xac, 0x42]; // "A\0€B"
    const read = readConstantPool(classFile(52, 3, [...name, 7, 0, 1], 2, 0));
    expect(read.ok && read.value.thisClass).toBe('A\u0000€B');
  });

  it.each([
    ['a bad magic number', Uint8Array.from([0xca, 0xfe, 0xba, 0xbf, 0, 0, 0, 52, 0, 1]), 'not a class file (bad magic number)'],
    ['a truncated pool', classFile(52, 3, [1, 0, 9, 0x41], 1, 0).subarray(0, 14), 'truncated class file'],
    ['an unknown tag', classFile(52, 2, [2, 0, 0], 1, 0), 'unknown constant-pool tag 2 at constant 1'],
    ['this_class pointing at a Utf8', classFile(52, 2, utf8('A'), 1, 0), 'this_class does not name a class'],
    ['this_class out of range', classFile(52, 2, utf8('A'), 9, 0), 'this_class does not name a class'],
    ['a Long in the last slot (its second slot runs past the count) then nothing', classFile(52, 2, [5, 0, 0, 0, 0, 0, 0, 0, 0], 1, 0), 'this_class does not name a class'],
  ])('%s is a read error, not a throw', (_name, bytes, error) => {
    expect(readConstantPool(bytes)).toEqual({ ok: false, error });
  });

  it('never throws on random bytes, nor on random bytes after a valid header (only a read error)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (tail, withHeader) => {
        const bytes = withHeader ? Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61, ...tail]) : tail;
        const read = readConstantPool(bytes);
        expect(typeof read.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
