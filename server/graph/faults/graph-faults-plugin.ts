// One set of admin-side fault rules for the app: the Graph routes apply them, the simulator API edits them.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { GraphFaults } from './graph-faults.js';

declare module 'fastify' {
  interface FastifyInstance {
    graphFaults: GraphFaults;
  }
}

export default fp(
  async function graphFaultsPlugin(app: FastifyInstance) {
    app.decorate('graphFaults', new GraphFaults());
  },
  { name: 'graph-faults' },
);
