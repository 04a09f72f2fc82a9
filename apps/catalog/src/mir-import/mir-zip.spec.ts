import { deflateRawSync } from 'node:zlib';
import { MirFileError } from './mir-file-error';
import { parseMirTable } from './mir-table';
import { templateXlsx } from './mir-template';
import { checkXlsxExpansion, MAX_XLSX_UNCOMPRESSED_BYTES, XLSX_TOO_LARGE, zipEntries } from './mir-zip';

interface CraftedEntry {
  name: string;
  /** The bytes stored in the zip (already deflated when method is 8). */
  data: Buffer;
  method: 0 | 8;
  /** The uncompressed size the central directory declares. */
  declared: number;
  /** Write the sizes as ZIP64 (0xFFFFFFFF in the header, 64-bit values in the extra field). */
  zip64?: boolean;
}

/** A zip written by hand: local headers, central directory, end record (CRCs left at 0: only sizes matter here). */
function craftZip(entries: CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(Math.min(entry.declared, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.data);

    const extra = entry.zip64 ? Buffer.alloc(4 + 16) : Buffer.alloc(0);
    if (entry.zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(entry.declared), 4);
      extra.writeBigUInt64LE(BigInt(entry.data.length), 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.data.length, 20);
    central.writeUInt32LE(entry.zip64 ? 0xffffffff : entry.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + entry.data.length;
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

const deflated = (name: string, bytes: number, declared = bytes): CraftedEntry => ({
  name,
  data: deflateRawSync(Buffer.alloc(bytes, 0x20)),
  method: 8,
  declared,
});
const MB = 1024 * 1024;

describe('XLSX expansion check (zip central directory)', () => {
  it('lists the entries of a real workbook with their sizes, and lets it through', async () => {
    const workbook = await templateXlsx();
    const entries = zipEntries(workbook);
    expect(entries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']));
    const sheet = entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml');
    expect(sheet?.uncompressedSize).toBeGreaterThan(sheet?.compressedSize ?? Infinity);
    expect(() => checkXlsxExpansion(workbook)).not.toThrow();
  });

  it('refuses a small upload that inflates past 50 MB, before ExcelJS reads it (400 message of the file)', async () => {
    const bomb = craftZip([deflated('xl/worksheets/sheet1.xml', 51 * MB)]);
    expect(bomb.length).toBeLessThan(MB);
    expect(() => checkXlsxExpansion(bomb)).toThrow(new MirFileError('file: el libro descomprimido excede 50 MB'));
    await expect(parseMirTable(bomb, 'xlsx')).rejects.toThrow(XLSX_TOO_LARGE);
  });

  it('adds up every entry: three of 20 MB are too much, two of 20 MB pass', () => {
    expect(() => checkXlsxExpansion(craftZip([deflated('a.xml', 20 * MB), deflated('b.xml', 20 * MB), deflated('c.xml', 20 * MB)]))).toThrow(XLSX_TOO_LARGE);
    expect(() => checkXlsxExpansion(craftZip([deflated('a.xml', 20 * MB), deflated('b.xml', 20 * MB)]))).not.toThrow();
  });

  it('reads the declared sizes only: a directory that declares 60 MB is refused without inflating anything', () => {
    const declared = craftZip([{ name: 'xl/sharedStrings.xml', data: Buffer.from('tiny'), method: 0, declared: 60 * MB }]);
    expect(() => checkXlsxExpansion(declared)).toThrow(XLSX_TOO_LARGE);
  });

  it('reads ZIP64 sizes from the extra field', () => {
    const wide = craftZip([{ name: 'x.xml', data: Buffer.from('tiny'), method: 0, declared: MAX_XLSX_UNCOMPRESSED_BYTES + 1, zip64: true }]);
    expect(zipEntries(wide)[0].uncompressedSize).toBe(MAX_XLSX_UNCOMPRESSED_BYTES + 1);
    expect(() => checkXlsxExpansion(wide)).toThrow(XLSX_TOO_LARGE);
  });

  it('refuses an entry that inflates beyond the size it declares (a lying directory cannot slip a bomb through)', () => {
    const liar = craftZip([deflated('xl/worksheets/sheet1.xml', 2 * MB, 100)]);
    expect(() => checkXlsxExpansion(liar)).toThrow('archivo: no es un libro de Excel (.xlsx) válido: "xl/worksheets/sheet1.xml" se expande más de lo que declara el zip');
  });

  it.each([
    ['no end record', Buffer.from('PK\u0003\u0004roto')],
    ['a directory beyond the file', (() => {
      const zip = craftZip([deflated('a.xml', 10)]);
      zip.writeUInt32LE(zip.length, zip.length - 6);
      return zip;
    })()],
  ])('an unreadable zip (%s) is not an XLSX', (_case, buffer) => {
    expect(() => checkXlsxExpansion(buffer)).toThrow(new MirFileError('archivo: no es un libro de Excel (.xlsx) válido'));
  });
});
