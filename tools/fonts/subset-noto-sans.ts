/*
 * Regenerates the fonts of the PDF export (libs/report-export/assets): Noto Sans Regular and Bold
 * reduced to the Latin scripts (Spanish and the Latin orthographies of Mexico's indigenous
 * languages), general punctuation and the usual symbols, without OpenType layout tables. The
 * full family covers many more scripts, and PDFKit parses a font's tables anew for every document:
 * the subset keeps a report's render fast. Run with `npm run fonts:subset` after upgrading @expo-google-fonts/noto-sans.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import subsetFont from 'subset-font';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'libs', 'report-export', 'assets');

const RANGES: [number, number][] = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x024f], // Latin-1 Supplement, Latin Extended-A and -B
  [0x0250, 0x02ff], // IPA Extensions, spacing modifier letters (ɨ, ʉ, ʼ)
  [0x0300, 0x036f], // combining diacritical marks
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x2000, 0x206f], // general punctuation
  [0x20a0, 0x20bf], // currency symbols
  [0x2100, 0x214f], // letterlike symbols (№, ℃)
  [0x2190, 0x21ff], // arrows
  [0x2200, 0x22ff], // mathematical operators (−, ≥, ×)
  [0x25a0, 0x25ff], // geometric shapes
  [0x2c60, 0x2c7f], // Latin Extended-C
  [0xa720, 0xa7ff], // Latin Extended-D (saltillo ꞌ)
];

/**
 * The font without its OpenType layout tables (GSUB, GPOS, GDEF): PDFKit would run the layout
 * engine over every string, which triples a report's render time, for ligatures and kerning that a
 * table of figures does not need. Characters keep their precomposed glyphs (á, ñ, ǎ).
 */
function withoutLayoutTables(font: Buffer): Buffer {
  const drop = new Set(['GSUB', 'GPOS', 'GDEF']);
  const count = font.readUInt16BE(4);
  const tables: { tag: string; checksum: number; data: Buffer }[] = [];
  for (let index = 0; index < count; index++) {
    const at = 12 + index * 16;
    const tag = font.toString('latin1', at, at + 4);
    const offset = font.readUInt32BE(at + 8);
    if (!drop.has(tag)) tables.push({ tag, checksum: font.readUInt32BE(at + 4), data: font.subarray(offset, offset + font.readUInt32BE(at + 12)) });
  }
  const header = Buffer.alloc(12 + tables.length * 16);
  font.copy(header, 0, 0, 4);
  const selector = Math.floor(Math.log2(tables.length));
  header.writeUInt16BE(tables.length, 4);
  header.writeUInt16BE(2 ** selector * 16, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(tables.length * 16 - 2 ** selector * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    header.write(table.tag, at, 'latin1');
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const padded = Buffer.alloc(Math.ceil(table.data.length / 4) * 4);
    table.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

function text(): string {
  let characters = '';
  for (const [from, to] of RANGES) for (let code = from; code <= to; code++) characters += String.fromCodePoint(code);
  return characters;
}

async function main(): Promise<void> {
  for (const [weight, file] of [['400Regular', 'NotoSans-Regular.ttf'], ['700Bold', 'NotoSans-Bold.ttf']]) {
    const source = readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${weight}/NotoSans_${weight}.ttf`));
    const subset = withoutLayoutTables(await subsetFont(source, text(), { targetFormat: 'truetype' }));
    writeFileSync(join(OUT, file), subset);
    console.log(`${file}: ${(source.length / 1024).toFixed(0)} KiB → ${(subset.length / 1024).toFixed(0)} KiB`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
