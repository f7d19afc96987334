// A lazy child logger writes exactly what pino's child writes, and makes no child until a line is due.
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../../lib/lazy-child-logger.js';
import { loggerOptions } from '../../lib/logger.js';

function rootWriting(lines: string[], level: 'info' | 'warn') {
  const sink = { write: (line: string) => void lines.push(line.replace(/"(time|pid)":\d+,/g, '')) };
  return pino(loggerOptions(level, 'test'), sink);
}

function logThrough(child: FastifyBaseLogger): void {
  child.info({ deviceId: 'dev-1', passcode: '1234' }, 'resetPasscode accepted');
  child.debug('not at this level');
  child.warn({ faultId: 'f-1' }, 'Graph fault %s', 'injected');
  child.error(new Error('boom'));
  child.child({ step: 2 }).warn('nested');
}

describe('lazyChildLogger', () => {
  it('writes every line as pino.child does, redaction included', () => {
    const eager: string[] = [];
    const lazy: string[] = [];
    const bindings = { batchRequestId: '1', subRequestId: 's-1' };
    logThrough(rootWriting(eager, 'info').child(bindings));
    logThrough(lazyChildLogger(rootWriting(lazy, 'info'), bindings));
    expect(lazy.map((line) => line.replace(/"stack":"[^"]*"/, ''))).toEqual(
      eager.map((line) => line.replace(/"stack":"[^"]*"/, '')),
    );
    expect(lazy).toHaveLength(4);
    expect(lazy.join('')).not.toContain('1234');
    expect(lazy[0]).toContain('"subRequestId":"s-1"');
  });

  it('makes no child while nothing is written at an enabled level', () => {
    const lines: string[] = [];
    const root = rootWriting(lines, 'warn');
    let children = 0;
    const counting = Object.assign(Object.create(root) as FastifyBaseLogger, {
      child: (bindings: pino.Bindings) => {
        children++;
        return root.child(bindings);
      },
    });
    const lazy = lazyChildLogger(counting, { subRequestId: 's-2' });
    lazy.info({ deviceId: 'dev-2' }, 'below warn');
    lazy.debug('below warn');
    expect(children).toBe(0);
    expect(lazy.level).toBe('warn');
    lazy.warn('now');
    lazy.error('and again');
    expect(children).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"subRequestId":"s-2"');
  });
});
