/*
 * `npm run test:fuzz`: schemathesis against every service's OpenAPI document, on a throwaway PostgreSQL and Kafka
 * with the five services started from their sources. A token holding every role (and the demo's units) goes with
 * each request, so the generated inputs reach the services' rules instead of stopping at the guards. Fails on any
 * 5xx answer and on any answer whose status or content type the document does not declare.
 * Bounded by FUZZ_MAX_EXAMPLES per operation (default 8), with a fixed seed, so a run is repeatable; FUZZ_MAX_SECONDS
 * instead gives each service a time budget that fuzzing keeps spending (longer, wider, not repeatable).
 * Needs schemathesis: `npm run deploy:tools` installs it into the tools cache.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signDevToken } from '@tequio/auth';
import { ROOT, withBenchStack } from '../bench/bench-stack';

const SERVICES = ['catalog', 'agenda', 'correspondence', 'transparency', 'reporting'];
const CACHE = process.env['TEQUIO_DEPLOY_TOOLS_CACHE'] ?? join(ROOT, '.cache', 'deploy-tools');
const SCHEMATHESIS = join(CACHE, 'schemathesis-4.32.5', 'bin', 'st');
const MAX_EXAMPLES = process.env['FUZZ_MAX_EXAMPLES'] ?? '8';
const MAX_SECONDS = process.env['FUZZ_MAX_SECONDS'];
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance';

function schemathesis(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  if (!existsSync(SCHEMATHESIS)) throw new Error(`schemathesis is not installed at ${SCHEMATHESIS}: run npm run deploy:tools`);
  const only = process.argv.slice(2);
  const services = only.length > 0 ? SERVICES.filter((service) => only.includes(service)) : SERVICES;
  const failed: string[] = [];
  await withBenchStack(SERVICES, async ({ urls, logTail }) => {
    const token = signDevToken({ roles: ['admin', 'planning', 'unit_head', 'clerk', 'auditor'], units: ['100', '304', '402', '801'], sub: 'fuzz@tequio' });
    for (const service of services) {
      process.stdout.write(`\n[fuzz] ${service}: ${urls[service]}/docs-json\n`);
      const code = await schemathesis([
        'run',
        `${urls[service]}/docs-json`,
        '--url',
        urls[service],
        '--header',
        `Authorization: Bearer ${token}`,
        '--checks',
        CHECKS,
        '--max-examples',
        MAX_EXAMPLES,
        ...(MAX_SECONDS ? ['--max-time', MAX_SECONDS] : []),
        // One worker: hypothesis' lambda introspection is not thread-safe (a runtime error seen with two).
        '--workers',
        '1',
        '--seed',
        '20261202',
        '--suppress-health-check',
        'all',
        '--warnings',
        'off',
      ]);
      if (code !== 0) {
        failed.push(service);
        process.stdout.write(`[fuzz] ${service} failed; the end of its log:\n${logTail(service)}\n`);
      }
    }
  });
  if (failed.length > 0) throw new Error(`fuzzing found failures in: ${failed.join(', ')}`);
  process.stdout.write('\n[fuzz] no 5xx and no undeclared status or content type in any service\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
