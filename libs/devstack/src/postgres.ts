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
  ].join(' ');
  const logFile = join(dataDir, 'server.log');
  if (isRoot()) {
    writeFileSync(logFile, '', { flag: 'a' });
    const { uid, gid } = serverUser();
    chownSync(logFile, uid, gid);
  }
  const [statusCmd, statusArgs] = asServerUser(bin('pg_ctl'), ['status', '-D', dataDir]);
  const running = await run(statusCmd, statusArgs).then(
    () => true,
    () => false,
  );
  if (!running) {
    const [cmd, args] = asServerUser(bin('pg_ctl'), ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', settings]);
    await run(cmd, args);
  }
  return {
    port,
    url: `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      const [cmd, args] = asServerUser(bin('pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', dataDir]);
      await run(cmd, args).catch(() => undefined);
    },
  };
}
