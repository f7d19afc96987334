// Graph accepts `Content-Type: application/json` with no body (the JS SDK's `.post()` sends exactly that); Fastify
// would refuse it, so Graph routes parse JSON themselves: empty is no body, anything else goes to Fastify's parser.
import type { FastifyInstance } from 'fastify';

export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // Fastify's own parser, refusing __proto__ and constructor keys as it does everywhere else.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, done);
  });
}
