// Requests Node's HTTP parser refuses before any route (a header too large, an illegal character) get Graph's error
// body, on HTTP and on HTTPS alike.
import { connect as connectTcp } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type IdentityHarness, startIdentityHarness } from '../identity/identity-harness.js';

let harness: IdentityHarness;
beforeAll(async () => {
  harness = await startIdentityHarness({ devices: 1 });
});
afterAll(() => harness.close());

/** Writes `request` as it is on a new connection and reads the whole answer, until the server ends it. */
function rawExchange(open: () => Duplex, request: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = open();
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body });
    });
    socket.write(request);
  });
}

/** A new connection to the server over HTTP, or over HTTPS trusting the harness's CA. */
const openHttp = () => connectTcp(harness.host.port, '127.0.0.1');
const openHttps = () =>
  connectTls({
    host: '127.0.0.1',
    port: harness.host.httpsPort ?? 0,
    servername: 'localhost',
    ca: harness.tls.ca ?? '',
  });
const overHttp = (request: string) => rawExchange(openHttp, request);
const overHttps = (request: string) => rawExchange(openHttps, request);

const tooLarge = `GET /v1.0/deviceManagement/managedDevices HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
const illegal =
  'GET /v1.0/deviceManagement/managedDevices HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n\r\n';

describe('requests the HTTP parser refuses', () => {
  it.each([
    ['HTTP', overHttp],
    ['HTTPS', overHttps],
  ])('get Graph error bodies over %s', async (_scheme, exchange) => {
    const large = await exchange(tooLarge);
    expect(large.status).toBe(431);
    expect(JSON.parse(large.body)).toMatchObject({ error: { code: 'RequestHeaderFieldsTooLarge' } });
    const bad = await exchange(illegal);
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'BadRequest', innerError: {} } });
  });

  it.each([
    ['HTTP', openHttp],
    ['HTTPS', openHttps],
  ])('write nothing into a response already under way over %s (an event stream)', async (_scheme, open) => {
    const socket = open();
    let text = '';
    const streaming = new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.includes('event: clock')) resolve();
      });
    });
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      `GET /sim/events?events=clock HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${harness.host.config.simToken}\r\n\r\n`,
    );
    await streaming;
    const before = text.length;
    // Bytes the parser refuses, on the connection that carries the stream.
    socket.write('\u0001\u0002 not http\r\n\r\n');
    await ended;
    expect(text.slice(before)).not.toContain('HTTP/1.1');
  });
});
