import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { isPortOpen, isProcessAlive, run, waitFor } from './processes';

export interface LocalKafkaOptions {
  /** Broker folder: properties, KRaft log and pid file; reused when it already holds a formatted log. */
  dataDir: string;
  port: number;
  controllerPort: number;
  /** Where the Maven-resolved broker jars are cached (shared across runs). */
  cacheDir: string;
  heapMb?: number;
}

export interface LocalKafka {
  brokers: string;
  /** Stops the broker (SIGTERM, SIGKILL if it hangs); its data folder stays. */
  stop(): Promise<void>;
  /** Starts it again on the same ports and data folder (a no-op while it runs): how a fault drill ends an outage. */
  start(): Promise<void>;
}

/** The handle of the broker these options describe, started or not: another process may have launched it. */
export function localKafka(options: LocalKafkaOptions): LocalKafka {
  return {
    brokers: `127.0.0.1:${options.port}`,
    stop: () => stopLocalKafka(options.dataDir),
    start: () => launchLocalKafka(options),
  };
}

const POM = resolve(__dirname, '..', 'kafka', 'pom.xml');

/** Resolves the broker jars from Maven Central once; later calls reuse the cache folder. */
export async function resolveKafkaClasspath(cacheDir: string): Promise<string> {
  const libs = join(cacheDir, 'libs');
  const marker = join(cacheDir, 'resolved.txt');
  const pom = readFileSync(POM, 'utf8');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== pom) {
    rmSync(libs, { recursive: true, force: true });
    mkdirSync(libs, { recursive: true });
    await run('mvn', ['-q', '-B', '-f', POM, 'dependency:copy-dependencies', `-DoutputDirectory=${libs}`]);
    writeFileSync(marker, pom);
  }
  return readdirSync(libs)
    .filter((f) => f.endsWith('.jar'))
    .map((f) => join(libs, f))
    .join(delimiter);
}

function brokerProperties(options: LocalKafkaOptions): string {
  const logDir = join(options.dataDir, 'kraft');
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${options.controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${options.port},CONTROLLER://127.0.0.1:${options.controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${options.port}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=3',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=3',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=true',
    'log.retention.hours=168',
    // Topic-level retention and compaction act within a second or two, so tests can watch them happen.
    'log.retention.check.interval.ms=1000',
    'log.cleaner.backoff.ms=1000',
    '',
  ].join('\n');
}

const LOG4J = [
  'log4j.rootLogger=WARN, stdout',
  'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
  'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
  'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
  'log4j.logger.kafka.server.KafkaServer=INFO',
  'log4j.logger.kafka.server.BrokerServer=INFO',
  '',
].join('\n');

function pidFile(dataDir: string): string {
  return join(dataDir, 'broker.pid');
}

/** Starts a single-node KRaft broker (formatting its log on first use) and waits until it accepts clients. */
export async function startLocalKafka(options: LocalKafkaOptions): Promise<LocalKafka> {
  const handle = localKafka(options);
  await handle.start();
  return handle;
}

async function launchLocalKafka(options: LocalKafkaOptions): Promise<void> {
  const brokers = `127.0.0.1:${options.port}`;
  mkdirSync(options.dataDir, { recursive: true });
  const running = readPid(options.dataDir);
  if (running && isProcessAlive(running) && (await isPortOpen(options.port))) return;
  const classpath = await resolveKafkaClasspath(options.cacheDir);
  const propsPath = join(options.dataDir, 'server.properties');
  writeFileSync(propsPath, brokerProperties(options));
  const log4jPath = join(options.dataDir, 'log4j.properties');
  writeFileSync(log4jPath, LOG4J);
  const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java';
  const jvm = [`-Xms128m`, `-Xmx${options.heapMb ?? 512}m`, `-Dlog4j.configuration=file:${log4jPath}`, '-cp', classpath];
  if (!existsSync(join(options.dataDir, 'kraft', 'meta.properties'))) {
    const clusterId = (await run(java, [...jvm, 'kafka.tools.StorageTool', 'random-uuid'])).stdout.trim().split('\n').pop() ?? '';
    await run(java, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsPath]);
  }
  const out = openSync(join(options.dataDir, 'broker.log'), 'a');
  // Detached: the broker outlives the process that started it (a test may stop and restart it).
  const child = spawn(java, [...jvm, 'kafka.Kafka', propsPath], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  writeFileSync(pidFile(options.dataDir), String(child.pid));
  await waitFor(`Kafka on ${brokers} (log: ${join(options.dataDir, 'broker.log')})`, async () => {
    if (!isProcessAlive(child.pid ?? -1)) throw new Error(`Kafka exited; see ${join(options.dataDir, 'broker.log')}`);
    return isPortOpen(options.port);
  }, 90_000);
}

function readPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(pidFile(dataDir), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Stops the broker recorded in the data folder: SIGTERM (a clean, fast shutdown), SIGKILL if it hangs. */
export async function stopLocalKafka(dataDir: string, timeoutMs = 30_000): Promise<void> {
  const pid = readPid(dataDir);
  if (!pid || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  try {
    await waitFor('Kafka to stop', async () => !isProcessAlive(pid), timeoutMs);
  } catch {
    process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile(dataDir), { force: true });
}
