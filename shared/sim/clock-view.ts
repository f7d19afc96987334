// The simulated clock as the simulator API and its event stream show it: readable time, exact time, speed.
import { z } from 'zod';
import type { ClockState } from '../protocol.js';

export const ClockView = z.strictObject({
  now: z.iso.datetime(),
  nowMs: z.number().int().nonnegative(),
  /** Simulated milliseconds per real millisecond; 0 is paused. */
  speed: z.number().min(0),
});
export type ClockView = z.infer<typeof ClockView>;

export const clockView = ({ now, speed }: ClockState): ClockView => ({
  now: new Date(now).toISOString(),
  nowMs: now,
  speed,
});
