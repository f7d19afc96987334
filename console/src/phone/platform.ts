// Which kind of device frame to draw for an enrollment: an iPhone/iPad, an Android phone, or a computer.
import type { SimDevice } from '../types.js';

export type Platform = 'ios' | 'android' | 'computer';

export function platformOf(device: SimDevice): Platform {
  if (device.operatingSystem === 'iOS') return 'ios';
  if (device.operatingSystem === 'Android') return 'android';
  return 'computer';
}
