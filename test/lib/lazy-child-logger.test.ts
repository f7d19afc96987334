// A lazy child logger writes exactly what pino's child writes, and makes no child until a line is due.
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { lazyChildLogger } from '../../lib/lazy-child-logger.js';
import { loggerOptions } from '../../lib/logger.js';

function rootWriting(lines: string[], level: 'info' | 'warn' | 'silent') {
  const sink = { write: (line: string) => void lines.push(line.replace(/"(time|pid)":\d+,/g, '')) };
  return pino(loggerOptions(level, 'test'), sink);
}

/** The root, counting the children made of it. */
function counting(root: pino.Logger) {
  const made = { children: 0 };
  const logger = Object.assign(Object.create(root) as FastifyBaseLogger, {
    child: (bindings: pino.Bindings) => {
      made.children++;
      return root.child(bindings);
    },
  });
  return { logger, made };
}

function logThrough(child: FastifyBaseLogger): void {
  child.info({ deviceId: 'dev-1', passcode: '1234' }, 'resetPasscode accepted');
  child.debug('not at this level');
  child.warn({ faultId: 'f-1' }, 'Graph fault %s', 'injected');
  child.error(new Error('boom'));
  child.child({ step: 2 }).warn('nested');
}

const withoutStack = (line: string) => line.replace(/"stack":"[^"]*"/, '');

describe('lazyChildLogger', () => {
  it('writes every line as pino.child does, redaction included', () => {
    const eager: string[] = [];
    const lazy: string[] = [];
    const bindings = { batchRequestId: '1', subRequestId: 's-1' };
    logThrough(rootWriting(eager, 'info').child(bindings));
    logThrough(lazyChildLogger(rootWriting(lazy, 'info'), bindings));
    expect(lazy.map(withoutStack)).toEqual(eager.map(withoutStack));
    expect(lazy).toHaveLength(4);
    expect(lazy.join('')).not.toContain('1234');
    expect(lazy[0]).toContain('"subRequestId":"s-1"');
  });

  it('makes no child while nothing is written at an enabled level', () => {
    const lines: string[] = [];
    const { logger, made } = counting(rootWriting(lines, 'warn'));
    const lazy = lazyChildLogger(logger, { subRequestId: 's-2' }) as FastifyBaseLogger & pino.Logger;
    lazy.info({ deviceId: 'dev-2' }, 'below warn');
    lazy.debug('below warn');
    expect(made.children).toBe(0);
    expect(lazy.level).toBe('warn');
    expect(lazy.isLevelEnabled('info')).toBe(false);
    expect(lazy.isLevelEnabled('error')).toBe(true);
    expect(lazy.isLevelEnabled('no-such-level')).toBe(false);
    lazy.warn('now');
    lazy.error('and again');
    expect(made.children).toBe(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"subRequestId":"s-2"');
    expect(lazy.bindings()).toMatchObject({ subRequestId: 's-2' });
  });

  it('answers level, children and a silent parent as an eager child does', () => {
    const lines: string[] = [];
    const root = rootWriting(lines, 'info');
    const lazy = lazyChildLogger(root, { subRequestId: 's-3' });
    // An eager child keeps the level its parent had when it was made.
    root.level = 'error';
    expect(lazy.level).toBe('info');
    lazy.info('kept the level it was made with');
    expect(lines).toHaveLength(1);
    // Its children carry its bindings, made or not.
    lazyChildLogger(root, { subRequestId: 's-4' }).child({ step: 1 }).error('from a grandchild');
    expect(lines[1]).toMatch(/"subRequestId":"s-4".*"step":1/);
    // A level set on it applies from then on.
    lazy.level = 'fatal';
    lazy.error('not any more');
    expect(lines).toHaveLength(2);
    // Under a silent parent nothing is written and nothing is made.
    const silent: string[] = [];
    const quiet = counting(rootWriting(silent, 'silent'));
    const child = lazyChildLogger(quiet.logger, { subRequestId: 's-5' });
    child.fatal('never');
    child.silent('never either');
    expect(silent).toEqual([]);
    expect(quiet.made.children).toBe(0);
  });
});
