// Writes docs/events/asyncapi.json from the event registry in libs/contracts (see docs/events/README.md).
//   node -r @swc-node/register tools/generate-asyncapi.ts           write the file
//   node -r @swc-node/register tools/generate-asyncapi.ts --check   exit 1 when the committed file is stale
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderAsyncApiJson } from '@tequio/contracts';

const OUTPUT = 'docs/events/asyncapi.json';
const USAGE = 'usage: generate-asyncapi [--check]';

function parseCommandLine(): { check: boolean } {
  try {
    const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } }, strict: true });
    return { check: values.check === true };
  } catch (error) {
    process.stderr.write(`generate-asyncapi: ${error instanceof Error ? error.message : String(error)}; ${USAGE}\n`);
    process.exit(2);
  }
}

function main(): void {
  const { check } = parseCommandLine();
  const file = resolve(__dirname, '..', OUTPUT);
  const expected = renderAsyncApiJson();

  if (check) {
    const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (current !== expected) {
      process.stderr.write(`${OUTPUT} is out of date: run npm run docs:events\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${OUTPUT} is up to date\n`);
    return;
  }

  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, expected);
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

main();
