// Reads a PDF on standard input with Mozilla's PDF.js and prints, as JSON, its metadata, each
// page's text as lines (items sharing a baseline, left to right) and how many images each page
// paints. PDF.js ships as ES modules only, so tests run this as a child process.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = await import(pathToFileURL(join(root, 'legacy', 'build', 'pdf.mjs')).href);

const data = new Uint8Array(readFileSync(0));
const document = await pdfjs.getDocument({
  data,
  standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
  verbosity: 0,
}).promise;
const imageOps = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject, pdfjs.OPS.paintImageMaskXObject]);
const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const page = await document.getPage(number);
  const content = await page.getTextContent();
  const rows = new Map();
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const y = Math.round(item.transform[5]);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4], text: item.str }]);
  }
  const lines = [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, items]) => items.sort((a, b) => a.x - b.x).map((item) => item.text.trim()).join(' '));
  const operators = await page.getOperatorList();
  const images = operators.fnArray.filter((op) => imageOps.has(op)).length;
  pages.push({ lines, images });
}
const { info } = await document.getMetadata();
process.stdout.write(JSON.stringify({ info, pages }));
