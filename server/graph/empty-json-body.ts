// Graph accepts `Content-Type: application/json` with no body (the JS SDK's `.post()` sends exactly that); Fastify
// would refuse it, so Graph routes parse JSON themselves: empty is no body, anything else must be valid JSON.
import type { FastifyInstance } from 'fastify';
import { badRequest } from '../http-error.js';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(badRequest('The request body is not valid JSON.'), undefined);
    }
  });
}
