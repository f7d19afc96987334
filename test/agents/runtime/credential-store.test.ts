// The credential journal: what a reopened store gives back, a last line cut short by a power cut left out, an invalid
// line refused with the way out, the journal rewritten to one line per device, and a write failure survived.
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  entryFingerprintOf,
  type KeptCredential,
  openCredentialStore,
} from '../../../agents/runtime/credential-store.js';

const folder = mkdtempSync(join(tmpdir(), 'mdmsim-credential-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const removed: KeptCredential = { passcode: null, resetTokenActive: false, mustChangePasscode: false };
const reset: KeptCredential = { passcode: '73915024', resetTokenActive: true, mustChangePasscode: true };
const ENTRY = entryFingerprintOf({
  enrollment: 'androidWorkProfile',
  osVersion: '9.0',
  passcode: '24682468',
  policy: { passcodeRequired: true, minLength: 8 },
  resetTokenActivated: false,
});
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('the credential store', () => {
  it('gives a reopened store the last credential of each device, and forgets a device set to null', () => {
    const file = join(folder, 'reopen', 'fleet.credentials.jsonl');
    const store = openCredentialStore(file);
    store.set('device-1', ENTRY, removed);
    store.set('device-2', ENTRY, reset);
    store.set('device-2', ENTRY, { ...reset, mustChangePasscode: false });
    store.set('device-3', ENTRY, removed);
    store.set('device-3', ENTRY, null);
    // Appended, one line per change, before close: a SIGKILL here would lose none of them.
    expect(lines(file)).toHaveLength(5);
    store.close();

    const reopened = openCredentialStore(file);
    expect(reopened.get('device-1', ENTRY)).toEqual(removed);
    expect(reopened.get('device-2', ENTRY)).toEqual({ ...reset, mustChangePasscode: false });
    expect(reopened.get('device-3', ENTRY)).toBeUndefined();
    // Rewritten at opening to one line per kept device.
    expect(lines(file)).toHaveLength(2);
    reopened.close();
  });

  it('leaves out a last line cut short, and refuses an invalid line elsewhere, naming it and the way out', () => {
    const file = join(folder, 'torn.credentials.jsonl');
    const store = openCredentialStore(file);
    store.set('device-1', ENTRY, removed);
    store.close();
    appendFileSync(file, `{"device":"device-2","entry":"${ENTRY}","credential":{"passcode":"1`);
    const warnings: unknown[] = [];
    const reopened = openCredentialStore(file, {
      warn: (...args: unknown[]) => warnings.push(args),
      error: () => {},
    });
    expect(reopened.get('device-1', ENTRY)).toEqual(removed);
    expect(reopened.get('device-2', ENTRY)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    reopened.close();

    writeFileSync(
      file,
      `{"device":"device-1","entry":"${ENTRY}","credential":{"passcode":7}}\n${lines(file)[0]}\n`,
    );
    expect(() => openCredentialStore(file)).toThrow(
      /is not valid at line 1: [\s\S]*Delete it to start the fleet/,
    );
  });

  it('rewrites the journal whole once it has grown far past one line per device', () => {
    const file = join(folder, 'compact.credentials.jsonl');
    const store = openCredentialStore(file);
    for (let change = 0; change <= 20_001; change++) {
      store.set('device-1', ENTRY, { ...reset, passcode: String(10_000_000 + change) });
    }
    // 20,001 lines appended (20,000 more than the one kept device), then the next change rewrote the file to its line.
    expect(lines(file)).toEqual([
      JSON.stringify({ device: 'device-1', entry: ENTRY, credential: { ...reset, passcode: '10020001' } }),
    ]);
    store.set('device-2', ENTRY, removed);
    expect(lines(file)).toHaveLength(2);
    store.close();
  });

  it('leaves out, counts and forgets a credential kept for another fleet file entry', () => {
    const file = join(folder, 'edited.credentials.jsonl');
    const store = openCredentialStore(file);
    store.set('device-1', ENTRY, reset);
    store.set('device-2', ENTRY, removed);
    store.close();

    // The fleet file's entry changed (its policy, say): the device starts from it, and its line is dropped.
    const edited = entryFingerprintOf({
      enrollment: 'androidWorkProfile',
      osVersion: '9.0',
      passcode: '24682468',
      policy: { passcodeRequired: true, minLength: 6 },
      resetTokenActivated: false,
    });
    expect(edited).not.toBe(ENTRY);
    const reopened = openCredentialStore(file);
    expect(reopened.get('device-1', edited)).toBeUndefined();
    expect(reopened.get('device-2', ENTRY)).toEqual(removed);
    expect(reopened.forgottenForChangedEntries).toBe(1);
    reopened.set('device-2', ENTRY, reset);
    reopened.close();
    expect(openCredentialStore(file).get('device-1', ENTRY)).toBeUndefined();
  });

  it('writes nothing its own reader would refuse: a passcode too long to keep is forgotten, and said once', () => {
    const file = join(folder, 'too-long.credentials.jsonl');
    const warnings: unknown[] = [];
    const store = openCredentialStore(file, {
      warn: (...args: unknown[]) => warnings.push(args),
      error: () => {},
    });
    store.set('device-1', ENTRY, reset);
    store.set('device-1', ENTRY, { ...reset, passcode: '7'.repeat(1_025) });
    store.set('device-1', ENTRY, { ...reset, passcode: '8'.repeat(1_025) });
    store.close();
    expect(openCredentialStore(file).get('device-1', ENTRY)).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toContain('7777');
  });

  it('removes the temp files a killed rewrite left, but for those of a running process', () => {
    const file = join(folder, 'temps', 'fleet.credentials.jsonl');
    openCredentialStore(file).close();
    const dead = `${file}.999999999.abcdef.next`;
    const running = `${file}.${process.ppid}.abcdef.next`;
    writeFileSync(dead, 'passcodes');
    writeFileSync(running, 'being written');
    openCredentialStore(file).close();
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('keeps the credential in memory and logs once per kind of failure when the file cannot be rewritten', () => {
    const file = join(folder, 'blocked', 'fleet.credentials.jsonl');
    const errors: unknown[] = [];
    const store = openCredentialStore(file, {
      error: (...args: unknown[]) => errors.push(args),
      warn: () => {},
    });
    // The fleet's folder becomes a regular file under the open store (chmod does not stop root, CI's user): appends
    // still reach the moved file, but the rewrite its growth calls for fails with ENOTDIR, and so does every later one.
    renameSync(join(folder, 'blocked'), join(folder, 'blocked-moved'));
    writeFileSync(join(folder, 'blocked'), 'not a folder');
    for (let change = 0; change <= 20_002; change++) {
      expect(() =>
        store.set('device-1', ENTRY, { ...reset, passcode: String(10_000_000 + change) }),
      ).not.toThrow();
    }
    expect(store.get('device-1', ENTRY)?.passcode).toBe('10020002');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors)).toContain('ENOTDIR');
    expect(JSON.stringify(errors)).not.toContain('10020002');
    store.close();
  });
});
