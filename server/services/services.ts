// Builds the services once and registers them on the Fastify instance, typed once for every route.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Metric } from 'prom-client';
import { ControllableClock } from '../../lib/controllable-clock.js';
import type { SupportEdition } from '../../shared/support-matrix.js';
import { AuditedRemoteActions } from './audited-remote-actions.js';
import { DEVICE_CHANNEL_PLUGIN } from './device-channel.js';
import { DeviceControl } from './device-control.js';
import { DeviceRegistry } from './device-registry.js';
import { MeteredRemoteActions } from './metered-remote-actions.js';
import { type RemoteActionService, RemoteActions } from './remote-actions.js';
import { SimulationEvents } from './simulation-events.js';
import { SimulationReset } from './simulation-reset.js';

export interface ServicesOptions {
  enrollmentToken: string;
  supportEdition: SupportEdition;
  clockSpeed: number;
  notNowRetryMs: number;
  inputTimeoutMs: number;
}

export interface Services {
  clock: ControllableClock;
  events: SimulationEvents;
  registry: DeviceRegistry;
  /** The core of Remove passcode: the queue the gateway drives, and what the simulator's views read. */
  actions: RemoteActions;
  /** Remove passcode as the Graph routes call it: metrics(audit(core)), each wrapper holding the next. */
  adminActions: RemoteActionService;
  /** Prometheus metrics the services keep themselves; the metrics plugin registers them. */
  metrics: Metric[];
  reset: SimulationReset;
  /** The simulator's side of the devices: user input, faults, the clock in step with the devices. */
  control: DeviceControl;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

export default fp(
  async function services(app: FastifyInstance, options: ServicesOptions) {
    // The transport is the gateway's; the services know it only as a DeviceChannel.
    const { store, deviceChannel: channel } = app;
    // The simulated clock carries on from the latest time the store has seen: it never runs backwards on a restart.
    const storedTime = store.time.load();
    const clock = new ControllableClock({
      speed: options.clockSpeed,
      ...(storedTime !== undefined ? { now: storedTime } : {}),
    });
    const events = new SimulationEvents();
    const registry = new DeviceRegistry(
      store,
      events,
      clock,
      DeviceRegistry.hashEnrollmentToken(options.enrollmentToken),
    );
    const actions = new RemoteActions(store, events, clock, channel, {
      supportEdition: options.supportEdition,
      notNowRetryMs: options.notNowRetryMs,
      passcodeRetentionMs: SEVEN_DAYS_MS,
      log: app.log,
    });
    actions.recoverUnqueued();
    const reset = new SimulationReset(store, events, clock, channel, {
      startSpeed: options.clockSpeed,
      replyTimeoutMs: options.inputTimeoutMs,
    });
    clock.onChange((snapshot) => {
      store.time.save(snapshot.now);
      channel.broadcastClock(snapshot);
      events.emit('clock', snapshot);
    });
    const control = new DeviceControl(channel, clock);
    const adminActions = new MeteredRemoteActions(
      new AuditedRemoteActions(actions, { log: app.log }, () => store.committed()),
    );
    app.decorate('services', {
      clock,
      events,
      registry,
      actions,
      adminActions,
      metrics: [adminActions.requests],
      reset,
      control,
    });
    // Runs before the store's own onClose (hooks close in reverse order of registration), so the time is kept.
    app.addHook('onClose', async () => {
      store.time.save(clock.now());
      clock.stop();
    });
  },
  { name: 'services', dependencies: ['store', DEVICE_CHANNEL_PLUGIN] },
);
