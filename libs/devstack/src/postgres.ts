import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRoot, run } from './processes';

export interface LocalPostgresOptions {
  /** Cluster folder; created with initdb when empty, reused otherwise. */
  dataDir: string;
  port: number;
  /** Throwaway clusters (tests) trade durability for speed. */
  durable?: boolean;
  /** Further server settings (`name: value`), e.g. a benchmark's memory sized as a production server's would be. */
  settings?: Record<string, string>;
}

export interface LocalPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** Finds the server binaries: PG_BIN wins, then Debian's layout (newest version first), then PATH. */
export function postgresBinDir(): string {
  if (process.env['PG_BIN']) return process.env['PG_BIN'];
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot)
      .filter((v) => existsSync(join(debianRoot, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debianRoot, versions[0], 'bin');
  }
  return '';
}

function bin(name: string): string {
  const dir = postgresBinDir();
  return dir ? join(dir, name) : name;
}

/** initdb and postgres refuse to run as root, so as root we run them as the `postgres` system user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];
}

function ensureOwnedByServerUser(dir: string): void {
  // Parents stay traversable (0755) so the server user can reach its folder.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!isRoot()) return;
  const { uid, gid } = serverUser();
  chownSync(dir, uid, gid);
}

function serverUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER]).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Starts a private PostgreSQL cluster on its own port (initialising it on first use). */
export async function startLocalPostgres(options: LocalPostgresOptions): Promise<LocalPostgres> {
  const { dataDir, port } = options;
  ensureOwnedByServerUser(dataDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const [cmd, args] = asServerUser(bin('initdb'), ['-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
    await run(cmd, args);
  }
  const settings = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=''`,
    `-c max_connections=200`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  const logFile = join(dataDir, 'server.log');
  if (isRoot()) {
    writeFileSync(logFile, '', { flag: 'a' });
    const { uid, gid } = serverUser();
    chownSync(logFile, uid, gid);
  }
  if (!(await isRunning(dataDir))) {
    const [cmd, args] = asServerUser(bin('pg_ctl'), ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', settings]);
    await run(cmd, args);
  }
  return {
    port,
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    stop: () => stopLocalPostgres(dataDir).catch(() => undefined),
  };
}

async function isRunning(dataDir: string): Promise<boolean> {
  const [cmd, args] = asServerUser(bin('pg_ctl'), ['status', '-D', dataDir]);
  return run(cmd, args).then(
    () => true,
    () => false,
  );
}

/**
 * Stops the cluster in a folder and waits until it is down. `fast` (pg_ctl's default, what an operator's restart
 * does) rolls back open transactions and disconnects clients, then checkpoints. `immediate` is a crash: with the
 * test clusters' `synchronous_commit=off` it may lose the last acknowledged commits, so drills that count them use
 * `fast`. Rejects when the server would not stop; a cluster that is not running is left alone.
 */
export async function stopLocalPostgres(dataDir: string, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  if (!(await isRunning(dataDir))) return;
  const [cmd, args] = asServerUser(bin('pg_ctl'), ['stop', '-w', '-t', '60', '-m', mode, '-D', dataDir]);
  await run(cmd, args);
}

export interface PostgresRestartOptions {
  /** How long the server stays down between stop and start. */
  downMs?: number;
  mode?: 'fast' | 'immediate';
}

/**
 * Restarts a cluster on the same folder and port with the same settings (a drill's "PostgreSQL restarted"):
 * stop, stay down for `downMs`, start, and resolve once it accepts connections again.
 */
export async function restartLocalPostgres(options: LocalPostgresOptions, restart: PostgresRestartOptions = {}): Promise<LocalPostgres> {
  await stopLocalPostgres(options.dataDir, restart.mode);
  await new Promise((resolve) => setTimeout(resolve, restart.downMs ?? 0));
  return startLocalPostgres(options);
}
