// Device identities derive from a fleet name and an index, so agent shards and restarts never collide or drift.
import { createHmac } from 'node:crypto';
import { sha256 } from '../../lib/sha256.js';

/** SHA-256 of the parts. */
function digest(...parts: string[]): Buffer {
  return sha256(parts.join('\u0000'));
}

/** A stable RFC 4122-shaped id (version 5 bits, variant bits) for device `index` of `fleet`. */
export function deviceIdFor(fleet: string, index: number): string {
  const bytes = digest('mdmsim-device', fleet, String(index)).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/** The device's own credential, proven in every hello after enrollment: only the fleet's device key makes it. */
export function deviceSecretFor(deviceKey: string, deviceId: string): string {
  return createHmac('sha256', deviceKey).update(`device-secret\u0000${deviceId}`).digest('base64url');
}

/** A secret value of the device (its unlock token), from the fleet's device key: never from public data alone. */
export function deviceSecretValue(
  deviceKey: string,
  deviceId: string,
  purpose: string,
  length: number,
  alphabet: string,
): string {
  return charactersOf(
    createHmac('sha256', deviceKey).update(`${purpose}\u0000${deviceId}`).digest(),
    length,
    alphabet,
  );
}

/** A stable pseudo-random string for a device's serial number, IMEI or tokens. */
export function deviceValue(deviceId: string, purpose: string, length: number, alphabet: string): string {
  return charactersOf(digest(purpose, deviceId), length, alphabet);
}

/**
 * `length` characters of `alphabet` picked by `bytes`, joined in one go: a string built by `+=` is a chain of
 * V8 cons strings (32 bytes a link) that every device would keep for its life, a joined one is flat.
 */
function charactersOf(bytes: Buffer, length: number, alphabet: string): string {
  const characters = new Array<string>(length);
  for (let i = 0; i < length; i++)
    characters[i] = alphabet[(bytes[i % bytes.length] ?? 0) % alphabet.length] ?? '';
  return characters.join('');
}
