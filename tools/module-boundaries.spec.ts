import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const bin = (name: string) => resolve(ROOT, 'node_modules', '.bin', name);

/** Lints a would-be source file given as text, as if it stood at `path`. */
function lint(path: string, source: string): string {
  const result = spawnSync(bin('eslint'), ['--no-warn-ignored', '--stdin', '--stdin-filename', path], {
    cwd: ROOT,
    input: source,
    encoding: 'utf8',
  });
  return `${result.stdout}${result.stderr}`;
}

/** The architecture's rules are enforced by lint, not by good intentions. */
describe('module boundaries', () => {
  beforeAll(() => {
    // The boundaries rule reads Nx's project graph; make sure it exists in a fresh clone.
    execFileSync(bin('nx'), ['show', 'projects'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  }, 120_000);

  it('refuses an app importing another app', () => {
    const output = lint('apps/agenda/src/leak.ts', `import { catalogService } from '../../catalog/src/catalog.definition';\nexport const leak = catalogService;\n`);
    expect(output).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('refuses contracts importing any of our libraries', () => {
    const output = lint('libs/contracts/src/leak.ts', `import { freePort } from '@tequio/devstack';\nexport const leak = freePort;\n`);
    expect(output).toMatch(/A project tagged with "type:contracts" cannot depend on any libs/);
  });

  it('refuses test helpers in production code', () => {
    const output = lint('apps/catalog/src/leak.ts', `import { bearer } from '@tequio/testing';\nexport const leak = bearer;\n`);
    expect(output).toMatch(/Test helpers stay in tests/);
  });

  it('accepts an app using shared libraries', () => {
    const output = lint('apps/agenda/src/fine.ts', `import { Topic } from '@tequio/contracts';\nexport const topic = Topic.AgendaActivityV1;\n`);
    expect(output.trim()).toBe('');
  });
});
