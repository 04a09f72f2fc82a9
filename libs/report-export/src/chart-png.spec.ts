import { inflateSync } from 'node:zlib';
import { BAR_CHART_WIDTH_PX, BAR_ROW_PX, CHART_PALETTE, PIE_SIZE_PX, barChartPng, pieChartPng } from './chart-png';

/** Decodes the PNGs this module writes (RGB, 8 bits, filter 0) into a pixel reader. */
function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => string } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
    }
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const pixel = (x: number, y: number) => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    return raw.subarray(at, at + 3).toString('hex').toUpperCase();
  };
  return { width, height, pixel };
}

describe('chart images', () => {
  it('draws one bar per value, as long as its share of the largest', () => {
    const chart = barChartPng([100, 120, 60]);
    const image = decode(chart.png);
    expect([image.width, image.height]).toEqual([BAR_CHART_WIDTH_PX, 3 * BAR_ROW_PX]);
    const middleOf = (row: number) => row * BAR_ROW_PX + BAR_ROW_PX / 2;
    const barEnd = (row: number) => {
      let x = 2;
      while (x < image.width && image.pixel(x, middleOf(row)) === CHART_PALETTE[0]) x++;
      return x - 2;
    };
    expect(barEnd(1)).toBe(BAR_CHART_WIDTH_PX - 2);
    expect(barEnd(0)).toBe(Math.round(((BAR_CHART_WIDTH_PX - 2) * 100) / 120));
    expect(barEnd(2)).toBe(Math.round(((BAR_CHART_WIDTH_PX - 2) * 60) / 120));
  });

  it('draws pie slices clockwise from twelve o\'clock in palette order', () => {
    // 135 / 24 / 39 hearings: the first slice covers the right side, the third the upper left.
    const image = decode(pieChartPng([135, 24, 39]).png);
    expect([image.width, image.height]).toEqual([PIE_SIZE_PX, PIE_SIZE_PX]);
    const centre = PIE_SIZE_PX / 2;
    expect(image.pixel(centre + 100, centre)).toBe(CHART_PALETTE[0]);
    expect(image.pixel(centre - 100, centre + 10)).toBe(CHART_PALETTE[1]);
    expect(image.pixel(centre - 60, centre - 60)).toBe(CHART_PALETTE[2]);
    expect(image.pixel(0, 0)).toBe('FFFFFF');
  });

  it('gives the same bytes for the same figures', () => {
    expect(pieChartPng([3, 2, 1]).png.equals(pieChartPng([3, 2, 1]).png)).toBe(true);
    expect(pieChartPng([3, 2, 1]).png.equals(pieChartPng([3, 2, 2]).png)).toBe(false);
  });
});
