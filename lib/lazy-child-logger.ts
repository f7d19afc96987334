// A child logger that is only made when a line is written at an enabled level: $batch gives each of its sub-requests
// one, and most of them never log (pino's `child` costs a few µs, per sub-request, on the hottest path).
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
/** What a pino logger has beyond FastifyBaseLogger; a parent that is not pino's may lack it. */
type PinoLike = FastifyBaseLogger & Partial<Pick<pino.Logger, 'levels' | 'msgPrefix'>>;

class LazyChildLogger {
  private made: pino.Logger | undefined;
  /** An eager child keeps the level its parent had when it was made; so does this one, until it is made. */
  private readonly levelAtCreation: string;

  constructor(
    private readonly parent: PinoLike,
    private readonly childBindings: pino.Bindings,
  ) {
    this.levelAtCreation = parent.level;
  }

  get level(): string {
    return this.made?.level ?? this.levelAtCreation;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  get levelVal(): number {
    return this.severity(this.level);
  }

  get levels(): pino.LevelMapping | undefined {
    return this.parent.levels;
  }

  get msgPrefix(): string | undefined {
    return this.made?.msgPrefix ?? this.parent.msgPrefix;
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

  /** As pino answers it: a level the mapping does not know is not enabled. */
  isLevelEnabled(level: string): boolean {
    const value = (this.parent.levels ?? pino.levels).values[level];
    return value !== undefined && value >= this.severity(this.level);
  }

  child(bindings: pino.Bindings, options?: pino.ChildLoggerOptions): pino.Logger {
    return this.logger().child(bindings, options);
  }

  bindings(): pino.Bindings {
    return this.logger().bindings();
  }

  setBindings(bindings: pino.Bindings): void {
    this.logger().setBindings(bindings);
  }

  flush(callback?: (error?: Error) => void): void {
    if (this.made) this.made.flush(callback);
    else callback?.();
  }

  /** A level's number in the parent's mapping (pino's own if it has none); `silent`, and any level it lacks, is ∞. */
  private severity(level: string): number {
    return (this.parent.levels ?? pino.levels).values[level] ?? Number.POSITIVE_INFINITY;
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.isLevelEnabled(level)) return;
    const logger = this.logger();
    (logger[level] as (...line: unknown[]) => void).apply(logger, args);
  }

  private logger(): pino.Logger {
    if (!this.made) {
      // Made now, at the level the parent had when this logger was made (as an eager child would have it).
      const level = this.parent.level === this.levelAtCreation ? undefined : { level: this.levelAtCreation };
      this.made = this.parent.child(this.childBindings, level) as pino.Logger;
    }
    return this.made;
  }
}

/** `parent.child(bindings)`, made on the first line that is written (or on a change of level, or a child of it). */
export function lazyChildLogger(parent: FastifyBaseLogger, bindings: pino.Bindings): FastifyBaseLogger {
  // pino's LogFn overloads cannot be declared on a class's methods; the methods take and pass on the same arguments.
  return new LazyChildLogger(parent, bindings) as unknown as FastifyBaseLogger;
}
