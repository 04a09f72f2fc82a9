import { REPO_ROOT, serviceEntryPoint } from '@tequio/testing';
import { spawnSync } from 'node:child_process';

/** A misconfigured service must stop at once with one line naming the variable, not a stack trace. */
describe('service start-up configuration', () => {
  function start(env: Record<string, string | undefined>) {
    const cleanEnv = { ...process.env, DATABASE_URL: undefined, KAFKA_BROKERS: undefined, ...env };
    return spawnSync(process.execPath, ['-r', '@swc-node/register', serviceEntryPoint('agenda')], {
      cwd: REPO_ROOT,
      env: Object.fromEntries(Object.entries(cleanEnv).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 30_000,
    });
  }

  it('names a missing variable', () => {
    const result = start({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid configuration for agenda: DATABASE_URL is required/)]);
  });

  it('names a malformed variable', () => {
    const result = start({ DATABASE_URL: 'postgres://x@127.0.0.1:1/db', KAFKA_BROKERS: 'broker-without-port', PORT: '99999' });
    expect(result.status).toBe(1);
    const line = result.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toMatch(/PORT /);
    expect(line).toMatch(/KAFKA_BROKERS must be a comma-separated list of host:port/);
  });
});
