/*
 * The XLSX writer stamps every zip entry with the time of writing, so two renders of the same
 * approved report would differ in those bytes. This rewrites each entry's modification time, in the
 * local header and in the central directory, to one given instant (zip keeps local time at
 * 2-second resolution; the UTC fields of `at` are used as is).
 */

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

function dosDateTime(at: Date): { time: number; date: number } {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((Math.max(1980, at.getUTCFullYear()) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return { time, date };
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new Error('archivo zip: no se encontró el directorio central');
}

/** Sets every entry's modification date of `zip` (changed in place and returned) to `at`. */
export function setZipEntryDates(zip: Buffer, at: Date): Buffer {
  const { time, date } = dosDateTime(at);
  const end = findEndOfCentralDirectory(zip);
  const entries = zip.readUInt16LE(end + 10);
  let cursor = zip.readUInt32LE(end + 16);
  for (let entry = 0; entry < entries; entry++) {
    if (zip.readUInt32LE(cursor) !== CENTRAL_FILE_HEADER) throw new Error('archivo zip: entrada del directorio central dañada');
    zip.writeUInt16LE(time, cursor + 12);
    zip.writeUInt16LE(date, cursor + 14);
    const local = zip.readUInt32LE(cursor + 42);
    if (zip.readUInt32LE(local) !== LOCAL_FILE_HEADER) throw new Error('archivo zip: encabezado local dañado');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    cursor += 46 + zip.readUInt16LE(cursor + 28) + zip.readUInt16LE(cursor + 30) + zip.readUInt16LE(cursor + 32);
  }
  return zip;
}
