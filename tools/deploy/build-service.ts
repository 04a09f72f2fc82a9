/**
 * Production build of a service: compiles the TypeScript it really runs (its app and the libraries it imports,
 * nothing else) to CommonJS under `dist/apps/<service>`, keeping decorator metadata for Nest's dependency
 * injection, and writes a package.json and lockfile with the production dependencies only.
 *
 *   node -r @swc-node/register tools/deploy/build-service.ts catalog [agenda ...]   (or --all)
 *
 * The bundle runs with `node main.js` (the service) or `node main.js migrate` (migrations only).
 */
import { transformFileSync } from '@swc/core';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
const BUILTINS = new Set(builtinModules);

/** Every app with a `src/main.ts` is a service. */
export function serviceNames(root = REPO_ROOT): string[] {
  return readdirSync(join(root, 'apps'))
    .filter((name) => existsSync(join(root, 'apps', name, 'src', 'main.ts')))
    .sort();
}

export function bundleDir(service: string, root = REPO_ROOT): string {
  return join(root, 'dist', 'apps', service);
}

interface RootPackage {
  name: string;
  version: string;
  license?: string;
  engines?: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface LockEntry {
  dev?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Lockfile {
  name: string;
  version: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

function compileOptions(file: string) {
  const { compilerOptions } = JSON.parse(readFileSync(join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  return {
    swcrc: false,
    filename: file,
    sourceMaps: true as const,
    jsc: {
      target: 'es2022' as const,
      parser: { syntax: 'typescript' as const, decorators: true, dynamicImport: true },
      // Nest resolves constructor parameters from the emitted `design:paramtypes` metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true },
      keepClassNames: true,
      // The `@tequio/*` aliases become relative requires, so the bundle needs no path mapping at run time.
      baseUrl: REPO_ROOT,
      paths: compilerOptions.paths,
    },
    module: { type: 'commonjs' as const },
  };
}

function resolveSource(fromFile: string, specifier: string): string {
  const base = resolve(dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (/\.(ts|json)$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`Cannot resolve "${specifier}" from ${relative(REPO_ROOT, fromFile)}`);
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export interface BuildResult {
  name: string;
  dir: string;
  files: number;
  /** npm packages the compiled code requires. */
  packages: string[];
  /** Libraries' `assets/` folders copied beside their compiled code (e.g. the PDF fonts of report-export). */
  assets: string[];
}

/** A program the image runs: its TypeScript entry, where it is built, and what its main.js calls after loading it. */
interface BundleSpec {
  name: string;
  entry: string;
  out: string;
  /** Exported function the bundle's main.js runs; none when loading the entry does the work (a service's main.ts). */
  run?: string;
}

/** The topic-provisioning Job's program, built beside the services and shipped in the same image. */
export const TOPIC_PROVISIONING_BUNDLE: BundleSpec = {
  name: 'provision-topics',
  entry: join(REPO_ROOT, 'tools', 'deploy', 'provision-topics.ts'),
  out: join(REPO_ROOT, 'dist', 'apps', 'provision-topics'),
  run: 'runTopicProvisioning',
};

/** The demo loader (`npm run -s demo`), for Compose and for a one-off Job against a cluster. */
export const DEMO_BUNDLE: BundleSpec = {
  name: 'demo',
  entry: join(REPO_ROOT, 'tools', 'demo', 'main.ts'),
  out: join(REPO_ROOT, 'dist', 'apps', 'demo'),
};

const EXTRA_BUNDLES = [TOPIC_PROVISIONING_BUNDLE, DEMO_BUNDLE];

/** Compiles the files reachable from the service's main.ts; fails on a require of anything but production dependencies. */
export function buildService(service: string): BuildResult {
  const entry = join(REPO_ROOT, 'apps', service, 'src', 'main.ts');
  if (!existsSync(entry)) throw new Error(`No service "${service}": apps/${service}/src/main.ts does not exist`);
  return buildBundle({ name: service, entry, out: bundleDir(service) });
}

export function buildBundle({ name, entry, out, run }: BundleSpec): BuildResult {
  const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as RootPackage;
  rmSync(out, { recursive: true, force: true });

  const queue = [entry];
  const seen = new Set(queue);
  const packages = new Set<string>();
  const problems: string[] = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (file.endsWith('.json')) {
      // Data a program imports (the demo's fixtures) is copied as it is, where its require finds it.
      const target = join(out, relative(REPO_ROOT, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      continue;
    }
    const { code, map } = transformFileSync(file, compileOptions(file));
    const target = join(out, relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
    for (const [, specifier] of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.')) {
        const source = resolveSource(file, specifier);
        if (!seen.has(source)) {
          seen.add(source);
          queue.push(source);
        }
      } else if (!BUILTINS.has(specifier) && !specifier.startsWith('node:')) {
        const name = packageOf(specifier);
        if (!(name in rootPackage.dependencies)) {
          problems.push(`${relative(REPO_ROOT, file)} requires "${specifier}", which is not a production dependency`);
        }
        packages.add(name);
      }
    }
  }
  if (problems.length > 0) throw new Error(`Build of ${name} failed:\n${problems.join('\n')}`);
  const assets = copyLibraryAssets(seen, out);

  const compiledEntry = `./${relative(REPO_ROOT, entry).replace(/\.ts$/, '.js')}`;
  const call = run ? `.${run}()` : '';
  writeFileSync(join(out, 'main.js'), `'use strict';\nrequire('${compiledEntry}')${call};\n`);
  writeProductionManifest(out, name, rootPackage);
  return { name, dir: out, files: seen.size, packages: [...packages].sort(), assets };
}

/**
 * A library that reads files at run time keeps them in `libs/<lib>/assets/` and finds them relative to its source
 * (`join(__dirname, '..', 'assets')`); the bundle mirrors the repository's layout, so copying the folder beside the
 * compiled `src/` keeps that lookup working unchanged.
 */
function copyLibraryAssets(sources: Iterable<string>, out: string): string[] {
  const libraries = new Set<string>();
  for (const source of sources) {
    const [top, library] = relative(REPO_ROOT, source).split('/');
    if (top === 'libs' && library) libraries.add(join('libs', library));
  }
  const copied: string[] = [];
  for (const library of [...libraries].sort()) {
    const assets = join(REPO_ROOT, library, 'assets');
    if (!existsSync(assets)) continue;
    cpSync(assets, join(out, library, 'assets'), { recursive: true });
    copied.push(join(library, 'assets'));
  }
  return copied;
}

/**
 * package.json with the root's production dependencies, and the root lockfile without its dev-only packages:
 * `npm ci` installs exactly the versions the tests ran with, and nothing a developer needs.
 */
function writeProductionManifest(out: string, name: string, rootPackage: RootPackage): void {
  const manifest = {
    name: `@tequio/${name}`,
    version: rootPackage.version,
    private: true,
    license: rootPackage.license,
    engines: rootPackage.engines,
    main: 'main.js',
    scripts: { start: 'node main.js', migrate: 'node main.js migrate' },
    dependencies: rootPackage.dependencies,
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  const packages: Record<string, LockEntry> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') {
      const { devDependencies: _dev, ...root } = entry;
      packages[path] = { ...root, name: manifest.name, version: manifest.version, dependencies: rootPackage.dependencies };
    } else if (!entry.dev) {
      packages[path] = entry;
    }
  }
  writeFileSync(join(out, 'package-lock.json'), `${JSON.stringify({ ...lock, name: manifest.name, packages }, null, 2)}\n`);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const all = args.includes('--all') || args.length === 0;
  const extras = EXTRA_BUNDLES.filter((bundle) => all || args.includes(bundle.name));
  const builds = [
    ...(all ? serviceNames() : args.filter((arg) => !EXTRA_BUNDLES.some((bundle) => bundle.name === arg))).map((service) => () => buildService(service)),
    ...extras.map((bundle) => () => buildBundle(bundle)),
  ];
  for (const build of builds) {
    const started = Date.now();
    const result = build();
    process.stdout.write(
      `${result.name}: ${result.files} modules, ${result.packages.length} packages -> ${relative(REPO_ROOT, result.dir)} (${Date.now() - started} ms)\n`,
    );
  }
}
