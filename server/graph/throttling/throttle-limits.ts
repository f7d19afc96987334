// Intune's published Graph limits for the devices service, and how MDMSIM_THROTTLING chooses them or turns them off.
import { z } from 'zod';

/** Requests admitted per window: writes are POST, PUT, PATCH and DELETE; requests are every method. */
export const ThrottleLimits = z.strictObject({
  windowSeconds: z.number().positive().max(3600),
  writesPerAppPerTenant: z.number().int().min(1),
  writesPerTenant: z.number().int().min(1),
  requestsPerAppPerTenant: z.number().int().min(1),
  requestsPerTenant: z.number().int().min(1),
});
export type ThrottleLimits = z.infer<typeof ThrottleLimits>;

/**
 * "Intune devices service limits" on Graph's service-specific throttling limits page: POST/PUT/DELETE/PATCH 200 per
 * 20 s per app per tenant and 400 per tenant; any request 2,000 per 20 s per app per tenant and 4,000 per tenant.
 */
export const INTUNE_LIMITS: ThrottleLimits = {
  windowSeconds: 20,
  writesPerAppPerTenant: 200,
  writesPerTenant: 400,
  requestsPerAppPerTenant: 2000,
  requestsPerTenant: 4000,
};

/** `null` is throttling off. */
export type ThrottlingSetting = ThrottleLimits | null;

const LIMIT_KEYS = Object.keys(INTUNE_LIMITS) as Array<keyof ThrottleLimits>;

/**
 * MDMSIM_THROTTLING: `intune` (default), `off`, or `custom` with MDMSIM_THROTTLING_LIMITS such as
 * `writesPerAppPerTenant=5,windowSeconds=10` (limits not named keep Intune's value).
 */
export function throttlingSetting(
  mode: 'intune' | 'off' | 'custom',
  customLimits?: string,
): ThrottlingSetting {
  if (mode === 'off') return null;
  if (mode === 'intune') return INTUNE_LIMITS;
  const pairs = (customLimits ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [key = '', value = ''] = pair.split('=').map((part) => part.trim());
      if (!(LIMIT_KEYS as string[]).includes(key)) {
        throw new Error(
          `MDMSIM_THROTTLING_LIMITS: unknown limit '${key}' (known: ${LIMIT_KEYS.join(', ')}).`,
        );
      }
      return [key, Number(value)] as const;
    });
  const parsed = ThrottleLimits.safeParse({ ...INTUNE_LIMITS, ...Object.fromEntries(pairs) });
  if (!parsed.success) {
    throw new Error(
      `MDMSIM_THROTTLING_LIMITS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return parsed.data;
}
