/**
 * Helm and kubernetes-validate for the deployment checks, installed on first use by install-tools.sh into a
 * git-ignored cache (CI installs them in .ci/run before the tests).
 */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { REPO_ROOT } from './build-service';
import { CHART_DIR } from './chart-data';

/** The Kubernetes version the chart is rendered and validated for (the oldest minor we support). */
export const KUBERNETES_VERSION = '1.31.0';
export const PRODUCTION_VALUES = join(REPO_ROOT, 'deploy', 'values-production.yaml');

export interface DeployTools {
  helm: string;
  kubernetesValidate: string;
}

export function deployToolsCache(): string {
  return process.env['TEQUIO_DEPLOY_TOOLS_CACHE'] ?? join(REPO_ROOT, '.cache', 'deploy-tools');
}

/** Installs the tools when missing (minutes the first time, instant afterwards) and returns their paths. */
export function ensureDeployTools(): DeployTools {
  const result = spawnSync('bash', [join(REPO_ROOT, 'tools', 'deploy', 'install-tools.sh')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) throw new Error(`install-tools.sh failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  const cache = deployToolsCache();
  return {
    helm: join(cache, 'helm-v3.22.0', 'bin', 'helm'),
    kubernetesValidate: join(cache, 'kubernetes-validate-1.37.0', 'bin', 'kubernetes-validate'),
  };
}

export function run(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

export interface Rendered {
  yaml: string;
  objects: KubernetesObject[];
}

/** `helm template` of the chart; throws with Helm's message when it refuses the values. */
export function renderChart(helm: string, valuesFiles: string[] = [], sets: string[] = []): Rendered {
  const args = ['template', 'tequio', CHART_DIR, '--namespace', 'tequio', '--kube-version', KUBERNETES_VERSION];
  for (const file of valuesFiles) args.push('--values', file);
  for (const set of sets) args.push('--set', set);
  const result = run(helm, args);
  if (result.status !== 0) throw new Error(result.stderr || `helm template exited with ${result.status}`);
  const objects = (loadAll(result.stdout) as Array<KubernetesObject | null>).filter((o): o is KubernetesObject => o !== null);
  return { yaml: result.stdout, objects };
}

/** Validates manifests against the Kubernetes API schemas (offline); returns the validator's output and status. */
export function validateManifests(kubernetesValidate: string, yaml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tequio-manifests-'));
  try {
    const file = join(dir, 'rendered.yaml');
    writeFileSync(file, yaml);
    const result = run(kubernetesValidate, ['-k', KUBERNETES_VERSION, '--strict', file]);
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PodTemplate {
  owner: KubernetesObject;
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: Record<string, unknown>;
    automountServiceAccountToken?: boolean;
  };
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
}

/** Pod templates of every workload (Deployments and Jobs). */
export function podTemplates(objects: KubernetesObject[]): PodTemplate[] {
  return objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
    .map((owner) => ({ owner, spec: (owner.spec as { template: { spec: PodTemplate['spec'] } }).template.spec }));
}
