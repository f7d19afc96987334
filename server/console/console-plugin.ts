// Serves the built trainer console (dist/console/, from `npm run build:console`) at `/`, or says how to build it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface ConsolePluginOptions {
  /** The folder `vite build` wrote; defaults to dist/console/ at the project root. */
  root?: string;
}

/** The project root: the nearest folder above this module with a package.json (works from server/ and dist/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('console-plugin: no package.json above this module.');
    dir = parent;
  }
  return dir;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mdmsim console not built</title></head>
<body style="font: 20px system-ui, sans-serif; margin: 3em">
<h1>console not built: run npm run build:console</h1>
<p>The server is running; the Graph API (/beta, /v1.0) and the simulator API (/sim) work without the console.
Build the console, then reload this page.</p>
</body></html>
`;

async function consolePlugin(app: FastifyInstance, options: ConsolePluginOptions) {
  const root = options.root ?? join(projectRoot(), 'dist', 'console');
  const indexFile = join(root, 'index.html');

  // The page is read on each request, so building the console while the server runs needs no restart.
  app.get('/', async (_request, reply) => {
    const html = await readFile(indexFile, 'utf8').catch(() => null);
    reply.header('cache-control', 'no-cache');
    if (html === null) return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  // Vite puts every script, style and font under assets/ with a content hash in its name.
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    wildcard: true,
    immutable: true,
    maxAge: '1y',
  });
}

export default fp(consolePlugin, { name: 'mdmsim-console', fastify: '5.x' });
