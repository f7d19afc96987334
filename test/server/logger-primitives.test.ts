// The cheap request loggers (withPrimitivesUnredacted) write exactly what pino's own redaction writes.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, withPrimitivesUnredacted } from '../../lib/logger.js';

function linesOf(cheap: boolean): string[] {
  const lines: string[] = [];
  const sink = { write: (line: string) => void lines.push(line.replace(/"(time|pid)":\d+,/g, '')) };
  const root = pino(loggerOptions('info', 'test'), sink);
  const logger = cheap ? withPrimitivesUnredacted(root) : root;
  const child = logger.child({ reqId: 'r-1', count: 3, nested: { passcode: '1234' } });
  child.info(
    { passcode: 'p', deep: { passcode: 'q', deeper: { unlockToken: 'u' } }, text: 'plain', n: 1, yes: true },
    'reset %s',
    'sent',
  );
  child.info({ req: { method: 'GET', url: '/x?access_token=abc' }, deviceSecret: 'd' });
  child.child({ deviceKey: 'k', deviceId: 'dev-1' }).warn('plain message');
  return lines;
}

describe('request loggers without redaction of plain values', () => {
  it('write every line as pino redacting everything does, secrets included', () => {
    const cheap = linesOf(true);
    expect(cheap).toEqual(linesOf(false));
    const all = cheap.join('');
    for (const secret of ['1234', '"p"', '"q"', '"u"', 'abc', '"d"', '"k"'])
      expect(all).not.toContain(secret);
    expect(all).toContain('"reqId":"r-1"');
  });
});
