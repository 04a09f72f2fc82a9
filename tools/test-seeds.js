// Runs the seeds suite (jest.seeds.config.js) when ../shared/seeds exists; otherwise says so in one line.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { resolve } = require('node:path');

const seeds = resolve(__dirname, '..', '..', 'shared', 'seeds');
if (!existsSync(seeds)) {
  process.stdout.write('seeds suite skipped: ../shared/seeds is not beside this clone\n');
  process.exit(0);
}
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(process.execPath, [jest, '-c', 'jest.seeds.config.js', '--runInBand', ...process.argv.slice(2)], {
  cwd: resolve(__dirname, '..'),
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
