/*
 * `npm run -s demo`: loads the demo year into a running Tequio (`npm start`) through its HTTP APIs.
 * Service URLs: CATALOG_URL… or CATALOG_PORT… (defaults 3001–3005); tokens are signed with the dev keys,
 * like `npm run -s token`. Running it again changes nothing.
 */
import { loadDemo, urlsFromEnv } from './load-demo';

async function main(): Promise<void> {
  const urls = urlsFromEnv();
  for (const [name, url] of Object.entries(urls)) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (!ready) throw new Error(`${name} no responde en ${url}: inicie la plataforma con \`npm start\` (o indique ${name.toUpperCase()}_URL)`);
  }
  const started = Date.now();
  const result = await loadDemo({ urls, tenant: process.env['TEQUIO_DEMO_TENANT'], concurrency: Number(process.env['TEQUIO_DEMO_CONCURRENCY'] ?? 6) });
  process.stdout.write(`Demo cargada para ${result.tenant} en ${Math.round((Date.now() - started) / 1000)} s.\n`);
  process.stdout.write(`Informe de la unidad 402, 3er trimestre 2025: ${urls.reporting}/reports/units/402/2025/3\n`);
}

main().catch((error: unknown) => {
  // fetch says only "fetch failed"; the reason (connection refused or reset, timeout…) is its cause.
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
  process.exit(1);
});
