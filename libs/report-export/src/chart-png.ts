import { crc32, deflateSync } from 'node:zlib';

/*
 * Charts as PNG images drawn in plain TypeScript: horizontal bars and pies need nothing more than
 * filling pixels, and owning the rasteriser keeps the output byte-identical for the same figures
 * (no fonts, no clock, no platform rendering). Labels and values are not drawn into the image: each
 * format writes them as text beside it, where a reader (and a screen reader) can select them; the
 * geometry below is what lets the PDF and the workbook line them up with the bars.
 */

/** Slice and bar colours, in order (hex RGB). */
export const CHART_PALETTE = [
  '1F5F8B', 'E07B39', '4C9A2A', 'C23B22', '8E6BB8', '2AA198', 'D4A017', '7F7F7F',
  '3E8EDE', 'B5523B', '6B8E23', 'A0527D', '00838F', 'C9A227', '5D6D7E', 'E74C3C',
];

export function paletteColour(index: number): string {
  return CHART_PALETTE[index % CHART_PALETTE.length];
}

/** Pixel height of one bar's row; a row is 15 pt when shown at 96 dpi, one spreadsheet row. */
export const BAR_ROW_PX = 20;
export const BAR_CHART_WIDTH_PX = 400;
export const PIE_SIZE_PX = 360;

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

type Rgb = [number, number, number];

function rgb(hex: string): Rgb {
  return [0, 2, 4].map((offset) => parseInt(hex.slice(offset, offset + 2), 16)) as Rgb;
}

class Canvas {
  readonly pixels: Buffer;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = Buffer.alloc(width * height * 3, 0xff);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    const at = (y * this.width + x) * 3;
    this.pixels[at] = Math.round(r);
    this.pixels[at + 1] = Math.round(g);
    this.pixels[at + 2] = Math.round(b);
  }

  fillRect(x0: number, y0: number, x1: number, y1: number, colour: Rgb): void {
    for (let y = Math.max(0, y0); y < Math.min(this.height, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(this.width, x1); x++) this.set(x, y, colour);
    }
  }

  /** RGB, 8 bits, no interlace; every scanline with filter 0 so the bytes depend only on the pixels. */
  toPng(): Buffer {
    const stride = this.width * 3;
    const raw = Buffer.alloc((stride + 1) * this.height);
    for (let y = 0; y < this.height; y++) this.pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(raw, { level: 6 })),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
  }
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0, 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * One horizontal bar per value, `BAR_ROW_PX` tall each, bar i centred on row i; lengths are
 * proportional to the largest value, with light guides at quarters of it.
 */
export function barChartPng(values: number[], colourHex = CHART_PALETTE[0]): ChartImage {
  const width = BAR_CHART_WIDTH_PX;
  const height = Math.max(1, values.length) * BAR_ROW_PX;
  const canvas = new Canvas(width, height);
  const guide = rgb('E3E3E3');
  for (let quarter = 1; quarter <= 4; quarter++) {
    const x = Math.round(((width - 2) * quarter) / 4);
    canvas.fillRect(x, 0, x + 1, height, guide);
  }
  canvas.fillRect(0, 0, 2, height, rgb('555555'));
  const max = Math.max(0, ...values);
  const colour = rgb(colourHex);
  values.forEach((value, index) => {
    const length = max > 0 ? Math.round(((width - 2) * Math.max(0, value)) / max) : 0;
    const top = index * BAR_ROW_PX + 3;
    canvas.fillRect(2, top, 2 + length, top + BAR_ROW_PX - 6, colour);
  });
  return { png: canvas.toPng(), width, height };
}

/** A pie with one slice per value in palette order, clockwise from twelve o'clock; edges smoothed by 4×4 sampling. */
export function pieChartPng(values: number[]): ChartImage {
  const size = PIE_SIZE_PX;
  const canvas = new Canvas(size, size);
  const total = values.reduce((sum, value) => sum + Math.max(0, value), 0);
  const ends: number[] = [];
  let running = 0;
  for (const value of values) {
    running += Math.max(0, value);
    ends.push(total > 0 ? (running / total) * 2 * Math.PI : 0);
  }
  const colours = values.map((_, index) => rgb(paletteColour(index)));
  const white: Rgb = [255, 255, 255];
  const empty = rgb('BDBDBD');
  const centre = size / 2;
  const radius = size / 2 - 2;
  // The colour at a point: white outside the circle, grey for an all-zero pie, else its slice's.
  const colourAt = (px: number, py: number): Rgb => {
    const dx = px - centre;
    const dy = py - centre;
    if (dx * dx + dy * dy > radius * radius) return white;
    if (total <= 0) return empty;
    const angle = (Math.atan2(dx, -dy) + 2 * Math.PI) % (2 * Math.PI);
    const slice = ends.findIndex((end) => angle < end);
    return colours[slice < 0 ? colours.length - 1 : slice];
  };
  const samples = 4;
  // Colours at pixel corners, computed once: a pixel whose four corners agree needs no sampling.
  const cornerColours: Rgb[] = [];
  for (let y = 0; y <= size; y++) for (let x = 0; x <= size; x++) cornerColours.push(colourAt(x, y));
  const corner = (x: number, y: number) => cornerColours[y * (size + 1) + x];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const corners = [corner(x, y), corner(x + 1, y), corner(x + 1, y + 1), corner(x, y + 1)];
      if (corners.every((corner) => corner === corners[0])) {
        if (corners[0] !== white) canvas.set(x, y, corners[0]);
        continue;
      }
      // On an edge: average a 4×4 grid of samples into the pixel.
      const mixed: Rgb = [0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
          mixed[0] += colour[0];
          mixed[1] += colour[1];
          mixed[2] += colour[2];
        }
      }
      canvas.set(x, y, mixed.map((sum) => sum / (samples * samples)) as Rgb);
    }
  }
  return { png: canvas.toPng(), width: size, height: size };
}
