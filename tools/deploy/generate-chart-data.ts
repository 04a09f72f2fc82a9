// Writes helm/tequio/files/platform.json (topics from libs/contracts, ports and topic access from the services).
//   npm run chart:data             write the file
//   npm run chart:data -- --check  exit 1 when the committed file is stale
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { CHART_DATA_FILE, renderChartData } from './chart-data';
import { REPO_ROOT } from './build-service';

const expected = renderChartData();
const name = relative(REPO_ROOT, CHART_DATA_FILE);
if (process.argv.includes('--check')) {
  const current = existsSync(CHART_DATA_FILE) ? readFileSync(CHART_DATA_FILE, 'utf8') : undefined;
  if (current !== expected) {
    process.stderr.write(`${name} is out of date: run npm run chart:data\n`);
    process.exit(1);
  }
  process.stdout.write(`${name} is up to date\n`);
} else {
  mkdirSync(dirname(CHART_DATA_FILE), { recursive: true });
  writeFileSync(CHART_DATA_FILE, expected);
  process.stdout.write(`wrote ${name}\n`);
}
