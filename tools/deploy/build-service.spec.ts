import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, REPO_ROOT } from './build-service';

/** The production bundle of reporting must carry what its libraries read at run time: the PDF export's fonts. */
describe('production build of reporting', () => {
  const out = join(REPO_ROOT, 'dist', 'test', 'reporting-bundle');

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('copies report-export’s fonts beside its compiled code, and the built library renders a PDF with them', async () => {
    const result = buildBundle({ name: 'reporting', entry: join(REPO_ROOT, 'apps', 'reporting', 'src', 'main.ts'), out });
    expect(result.assets).toContain(join('libs', 'report-export', 'assets'));
    for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf', 'OFL.txt']) expect(existsSync(join(out, 'libs', 'report-export', 'assets', file))).toBe(true);

    // The compiled library, as the container runs it (its fonts resolved from the bundle, not from the sources).
    const built = require(join(out, 'libs', 'report-export', 'src', 'index.js')) as typeof import('@tequio/report-export');
    const pdf = await built.renderReportPdf(built.EXAMPLE_QUARTERLY_REPORT);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans/);
  }, 120_000);
});
