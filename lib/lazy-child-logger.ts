// A child logger that is only made when a line is written at an enabled level: $batch gives each of its sub-requests
// one, and most of them never log (pino's `child` costs a few µs, per sub-request, on the hottest path).
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const severity = (level: string): number => pino.levels.values[level] ?? Number.POSITIVE_INFINITY;

class LazyChildLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: pino.Bindings,
  ) {}

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private write(level: Level, args: unknown[]): void {
    if (severity(level) < severity(this.level)) return;
    const logger = this.logger();
    (logger[level] as (...line: unknown[]) => void).apply(logger, args);
  }

  private logger(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings);
    return this.made;
  }
}

/** `parent.child(bindings)`, made on the first line that is written (or on a change of level, or a child of it). */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: pino.Bindings): FastifyBaseLogger {
  // pino's LogFn overloads cannot be declared on a class's methods; the methods take and pass on the same arguments.
  return new LazyChildLogger(parent, bindings) as unknown as FastifyBaseLogger;
}
