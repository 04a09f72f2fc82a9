import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildBundle, DEMO_BUNDLE, REPO_ROOT } from './build-service';

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

/** The demo loader ships in the image (Compose's `demo` service): its fixtures travel with it. */
describe('production build of the demo loader', () => {
  const out = join(REPO_ROOT, 'dist', 'test', 'demo-bundle');

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles the loader with its JSON fixtures, and the bundle runs until it finds no platform to load into', () => {
    const result = buildBundle({ ...DEMO_BUNDLE, out });
    for (const fixture of ['municipality.json', 'agenda-2025.json', 'mir-304-2023.json']) expect(existsSync(join(out, 'tools', 'demo', 'data', fixture))).toBe(true);
    expect(result.packages).toEqual(expect.arrayContaining(['jsonwebtoken']));

    // Nothing listens on port 9: the loader must get as far as checking the services, in Spanish, and fail cleanly.
    const run = spawnSync(process.execPath, [join(out, 'main.js')], {
      env: { ...process.env, CATALOG_URL: 'http://127.0.0.1:9', AUTH_DEV_KEYS: 'true' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('demo: catalog no responde en http://127.0.0.1:9');
  }, 120_000);
});
