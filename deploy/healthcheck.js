// Container HEALTHCHECK: exit 0 when the service in this container answers /health/live on its PORT.
'use strict';
const port = process.env.PORT;
if (!port) {
  process.stderr.write('healthcheck: PORT is not set (every Tequio container is started with its PORT)\n');
  process.exit(1);
}
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) })
  .then((response) => process.exit(response.status === 200 ? 0 : 1))
  .catch(() => process.exit(1));
