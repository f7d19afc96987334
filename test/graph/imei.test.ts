// The fleet's IMEIs follow 3GPP TS 23.003: TAC + serial + Luhn check digit, checked against the standard's examples.
import { describe, expect, it } from 'vitest';
import { imeiOf, luhnCheckDigit } from '../../agents/fleet/imei.js';

describe('IMEI', () => {
  it('computes the Luhn check digit of published examples', () => {
    // TS 23.003 Annex B.3: TAC 35209900, SNR 176148 -> check digit 1; the GSMA/Wikipedia IMEI 49015420323751-8.
    expect(luhnCheckDigit('35209900176148')).toBe('1');
    expect(luhnCheckDigit('49015420323751')).toBe('8');
    expect(luhnCheckDigit('00000000000000')).toBe('0');
  });

  it('is stable per device, shares the TAC within a model, and carries a valid check digit', () => {
    const a = imeiOf('Pixel 8', 'device-a');
    expect(imeiOf('Pixel 8', 'device-a')).toBe(a);
    const b = imeiOf('Pixel 8', 'device-b');
    expect(a).toMatch(/^35\d{13}$/);
    expect(b.slice(0, 8)).toBe(a.slice(0, 8));
    expect(b).not.toBe(a);
    expect(imeiOf('Galaxy S6', 'device-a').slice(0, 8)).not.toBe(a.slice(0, 8));
    for (let i = 0; i < 200; i++) {
      const imei = imeiOf('Pixel 8', `device-${i}`);
      expect(imei.at(-1)).toBe(luhnCheckDigit(imei.slice(0, 14)));
    }
  });
});
