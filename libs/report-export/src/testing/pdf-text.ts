import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface PdfContents {
  info: Record<string, unknown>;
  pages: { lines: string[]; images: number }[];
}

/** A PDF's text lines and painted images per page, read back with PDF.js (see inspect-pdf.mjs). */
export function readPdf(pdf: Buffer): PdfContents {
  const output = execFileSync(process.execPath, [join(__dirname, 'inspect-pdf.mjs')], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(output.toString('utf8')) as PdfContents;
}

export function allLines(contents: PdfContents): string[] {
  return contents.pages.flatMap((page) => page.lines);
}
