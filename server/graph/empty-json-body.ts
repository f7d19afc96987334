// Graph accepts `Content-Type: application/json` with no body (the Graph JS SDK's `.post()` sends exactly that).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const GRAPH_PATH = /^\/(?:v1\.0|beta)(?:\/|\?|$)/;

/** The root JSON parser, except that an empty body on a Graph path parses as no body instead of failing with 400. */
export default fp(
  async function emptyJsonBody(app: FastifyInstance) {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '' && GRAPH_PATH.test(request.url)) return done(null, undefined);
      parseJson(request, body as string, done);
    });
  },
  { name: 'mdmsim-graph-empty-json-body' },
);
