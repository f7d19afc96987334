// Faults a scenario can inject into one emulated device, so the server's delivery guarantees get tested on purpose.
import { z } from 'zod';

/** The fault kinds, one object each; `Fault` is their union on `kind`. */
export const FaultOptions = [
  /** Answer NotNow to the next `times` commands; the server keeps them queued and offers them again. */
  z.strictObject({ kind: z.literal('notNow'), times: z.number().int().min(1).max(1000) }),
  /** When the next command arrives, cut the socket before answering; the server must redeliver on reconnect. */
  z.strictObject({ kind: z.literal('dropConnectionOnCommand') }),
  /** Delay every frame the agent sends by this many real milliseconds (0 removes the delay). */
  z.strictObject({ kind: z.literal('latency'), ms: z.number().int().min(0).max(10_000) }),
  /** Disconnect and stay offline; with `forMs`, come back after that many simulated milliseconds. */
  z.strictObject({
    kind: z.literal('offline'),
    forMs: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 60 * 60 * 1000)
      .optional(),
  }),
  /** Bring an offline device back. An offline device cannot hear this over its socket: runners apply it directly. */
  z.strictObject({ kind: z.literal('online') }),
] as const;

export const Fault = z.discriminatedUnion('kind', FaultOptions);
export type Fault = z.infer<typeof Fault>;
export type FaultKind = Fault['kind'];
