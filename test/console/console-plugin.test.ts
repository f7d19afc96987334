// The console plugin without a built console: `/` explains how to build it instead of failing obscurely.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import consolePlugin from '../../server/console/console-plugin.js';

describe('console plugin', () => {
  it('answers 503 with the build command when dist/console is missing', async () => {
    const app = Fastify();
    await app.register(consolePlugin, { root: '/nonexistent/mdmsim-console' });
    const response = await app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('console not built: run npm run build:console');
    await app.close();
  });
});
