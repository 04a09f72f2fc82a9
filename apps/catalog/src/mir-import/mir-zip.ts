import { inflateRawSync } from 'node:zlib';
import { MirFileError } from './mir-file-error';

/** An XLSX may expand to at most this many bytes once unzipped (ExcelJS holds all of it in memory). */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;
export const XLSX_TOO_LARGE = `file: el libro descomprimido excede ${MAX_XLSX_UNCOMPRESSED_BYTES / 1024 / 1024} MB`;
const NOT_XLSX = 'archivo: no es un libro de Excel (.xlsx) válido';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX_COMMENT = 0xffff;
const DEFLATE = 8;

export interface ZipEntrySize {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/**
 * Refuses an XLSX (a zip) whose entries expand to more than 50 MB, before anything inflates it:
 * the sizes come from the zip's central directory. Because those sizes are only declared, each deflated
 * entry is then inflated with its declared size as a hard ceiling (zlib stops there), so a zip that
 * lies about its sizes is refused too and no more than 50 MB are ever produced.
 * Throws MirFileError: `file: el libro descomprimido excede 50 MB`, or `archivo: no es un libro ...`.
 */
export function checkXlsxExpansion(buffer: Buffer): void {
  const entries = zipEntries(buffer);
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (total > MAX_XLSX_UNCOMPRESSED_BYTES) throw new MirFileError(XLSX_TOO_LARGE);
  for (const entry of entries) {
    if (entry.method !== DEFLATE) continue;
    const data = entryData(buffer, entry);
    try {
      inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      // RangeError ERR_BUFFER_TOO_LARGE: zlib stopped at the ceiling (matched by code: jest's realm has its own RangeError).
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new MirFileError(`${NOT_XLSX}: "${entry.name}" se expande más de lo que declara el zip`);
      throw new MirFileError(NOT_XLSX);
    }
  }
}

/** The entries of a zip as its central directory lists them (ZIP64 included). */
export function zipEntries(buffer: Buffer): ZipEntrySize[] {
  const eocd = findEndOfCentralDirectory(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new MirFileError(NOT_XLSX);
    const record = safeNumber(buffer.readBigUInt64LE(locator + 8));
    if (record + 56 > buffer.length || buffer.readUInt32LE(record) !== ZIP64_EOCD) throw new MirFileError(NOT_XLSX);
    count = safeNumber(buffer.readBigUInt64LE(record + 32));
    size = safeNumber(buffer.readBigUInt64LE(record + 40));
    offset = safeNumber(buffer.readBigUInt64LE(record + 48));
  }
  if (offset + size > buffer.length) throw new MirFileError(NOT_XLSX);

  const entries: ZipEntrySize[] = [];
  let at = offset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER) throw new MirFileError(NOT_XLSX);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > buffer.length) throw new MirFileError(NOT_XLSX);
    const entry: ZipEntrySize = {
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
    };
    applyZip64Extra(entry, buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at = end;
  }
  return entries;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const last = buffer.length - 22;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (buffer.readUInt32LE(at) === EOCD && at + 22 + buffer.readUInt16LE(at + 20) <= buffer.length) return at;
  }
  throw new MirFileError(NOT_XLSX);
}

/** ZIP64 extended information (id 0x0001): the 64-bit values of the fields set to 0xFFFFFFFF, in this order. */
function applyZip64Extra(entry: ZipEntrySize, extra: Buffer): void {
  const wide = (value: number) => value === 0xffffffff;
  if (!wide(entry.uncompressedSize) && !wide(entry.compressedSize) && !wide(entry.localHeaderOffset)) return;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + length || field + 8 > extra.length) throw new MirFileError(NOT_XLSX);
        const value = safeNumber(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (wide(entry.uncompressedSize)) entry.uncompressedSize = next();
      if (wide(entry.compressedSize)) entry.compressedSize = next();
      if (wide(entry.localHeaderOffset)) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
  throw new MirFileError(NOT_XLSX);
}

function entryData(buffer: Buffer, entry: ZipEntrySize): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_HEADER) throw new MirFileError(NOT_XLSX);
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buffer.length) throw new MirFileError(NOT_XLSX);
  return buffer.subarray(start, start + entry.compressedSize);
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new MirFileError(NOT_XLSX);
  return Number(value);
}
