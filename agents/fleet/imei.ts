// A device's IMEI as 3GPP TS 23.003 defines it, so scripts that check IMEIs (Luhn) accept the fleet's phones.
import { deviceValue } from '../runtime/device-identity.js';

const DIGITS = '0123456789';
/** BABT's Reporting Body Identifier, the first two digits of the Type Allocation Codes it hands out (GSMA). */
const REPORTING_BODY = '35';

/**
 * The Luhn check digit of `digits` (ISO/IEC 7812 Annex B), as TS 23.003 Annex B computes it over the IMEI's
 * 14 leading digits: from the right, every other digit doubled (digit sum), the total rounded up to a ten.
 */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = Number(digits[digits.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    sum += weighted > 9 ? weighted - 9 : weighted;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * 15 digits: an 8-digit Type Allocation Code shared by every device of the model (a TAC names a model), a 6-digit
 * serial number of this device, and the Luhn check digit (3GPP TS 23.003 clause 6.2.1 and Annex B). Stable per
 * device; the TAC is made up, with a real reporting body prefix.
 */
export function imeiOf(model: string, deviceId: string): string {
  // Joined, not added: a device keeps its IMEI for life, as one flat string.
  const body = [REPORTING_BODY, typeAllocationCodeOf(model), deviceValue(deviceId, 'imei', 6, DIGITS)].join(
    '',
  );
  return [body, luhnCheckDigit(body)].join('');
}

/** The model's made-up TAC digits after the reporting body: the same for every device of the model, so made once. */
const typeAllocationCodes = new Map<string, string>();
function typeAllocationCodeOf(model: string): string {
  let code = typeAllocationCodes.get(model);
  if (code === undefined) {
    code = deviceValue(`model\u0000${model}`, 'tac', 6, DIGITS);
    typeAllocationCodes.set(model, code);
  }
  return code;
}
