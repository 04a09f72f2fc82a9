import { ChildProcess, spawn } from 'node:child_process';
import { freePort, waitFor } from '@tequio/devstack';
import { REPO_ROOT, serviceEntryPoint, ServiceName, TEST_FETCH_MAX_WAIT_MS, uniqueGroup } from './test-environment';

export interface ServiceProcess {
  name: ServiceName;
  url: string;
  /** Everything the process printed, for failure messages. */
  output(): string;
  /** False once the process has exited (a drill checks a service survived without being restarted). */
  running(): boolean;
  stop(): Promise<void>;
  /** Kills the process without a chance to clean up (a crash or an OOM kill), and waits until it is gone. */
  kill(): Promise<void>;
}

/** Runs a service exactly as production does (its main.ts, configured by environment) and waits until ready. */
export async function spawnService(name: ServiceName, env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', serviceEntryPoint(name)], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_CONSUMER_GROUP: uniqueGroup(name),
      KAFKA_FETCH_MAX_WAIT_MS: String(TEST_FETCH_MAX_WAIT_MS),
      OUTBOX_POLL_MS: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${name} to be ready`, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
      const response = await fetch(`${url}/health/ready`).catch(() => undefined);
      return response?.status === 200;
    }, 90_000, 250);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`);
  }
  return {
    name,
    url,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
