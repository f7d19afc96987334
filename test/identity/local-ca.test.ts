// The local CA and server certificate are made once, reused on restart, and re-issued from the same CA for new names.
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalTls } from '../../lib/tls/local-ca.js';

describe('local certificate authority', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mdmsim-ca-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates a CA and a server certificate for every name, reuses them, and renews for a new name', async () => {
    const first = await ensureLocalTls(dataDir, ['localhost', '127.0.0.1', '::1', 'server']);
    expect(first.origin).toBe('created');
    const ca = new X509Certificate(first.ca ?? '');
    const cert = new X509Certificate(first.cert);
    expect(ca.ca).toBe(true);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost('server')).toBe('server');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBeTruthy();
    expect(((await stat(first.files.keyPath ?? '')).mode & 0o777).toString(8)).toBe('600');

    const again = await ensureLocalTls(dataDir, ['localhost', '127.0.0.1', '0:0::1', 'server']);
    expect(again.origin).toBe('reused');
    expect(again.cert).toBe(first.cert);

    const more = await ensureLocalTls(dataDir, ['localhost', '127.0.0.1', '::1', 'server', 'mdmsim.test']);
    expect(more.origin).toBe('renewed');
    expect(more.ca).toBe(first.ca);
    expect(new X509Certificate(more.cert).checkHost('mdmsim.test')).toBe('mdmsim.test');
  });
});
