// The server process the benchmark starts: server/main.ts, plus the Graph $batch route when app.ts does not mount it yet.

import { loggerOptions } from '../lib/logger.js';
import { buildApp } from '../server/app.js';
import { readServerConfig } from '../server/config.js';
import { graphBatch } from '../server/graph/graph-batch.js';

const config = readServerConfig(process.argv.slice(2), process.env);
const app = await buildApp({
  adminToken: config.adminToken,
  adminUpn: config.MDMSIM_ADMIN_UPN,
  enrollmentToken: config.enrollmentToken,
  supportEdition: config.MDMSIM_SUPPORT_EDITION,
  clockSpeed: config.MDMSIM_CLOCK_SPEED,
  notNowRetryMs: config.MDMSIM_NOTNOW_RETRY_SECONDS * 1000,
  inputTimeoutMs: 10_000,
  helloTimeoutMs: 10_000,
  logger: loggerOptions(config.LOG_LEVEL, 'mdmsim-server'),
});
for (const version of ['v1.0', 'beta'] as const) {
  if (!app.hasRoute({ method: 'POST', url: `/${version}/$batch` })) {
    await app.register(graphBatch, { prefix: `/${version}`, version, adminToken: config.adminToken });
  }
}
await app.listen({ port: config.PORT, host: config.HOST });
const shutdown = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
