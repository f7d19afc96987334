// Which device frame to draw: an iPhone, an iPad, an Android phone, a Mac laptop or a Windows PC.
import type { SimDevice } from '../types.js';

export type Frame = 'iphone' | 'ipad' | 'android' | 'mac' | 'windows';

export function frameOf(device: SimDevice): Frame {
  switch (device.operatingSystem) {
    case 'iOS':
      return /ipad/i.test(device.model) ? 'ipad' : 'iphone';
    case 'Android':
      return 'android';
    case 'macOS':
      return 'mac';
    case 'Windows':
      return 'windows';
  }
}

/** The frame's family: the screens differ by it (iOS and Android texts, a computer's password). */
export type Platform = 'ios' | 'android' | 'computer';

export const platformOfFrame = (frame: Frame): Platform =>
  frame === 'iphone' || frame === 'ipad' ? 'ios' : frame === 'android' ? 'android' : 'computer';
