// Live progress: in a terminal one line rewritten as steps run; elsewhere a plain line per finished scenario.
import type { ScenarioResult } from './results.js';
import type { LoadedScenario } from './scenario-file.js';
import { scenarioLine } from './text-report.js';

export class ProgressLine {
  private readonly running = new Map<string, string>();
  private finished = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly total: number,
  ) {}

  step(loaded: LoadedScenario, index: number, label: string): void {
    this.running.set(
      loaded.file,
      `${loaded.scenario.name}: step ${index + 1}/${loaded.scenario.steps.length} ${label}`,
    );
    this.render();
  }

  done(result: ScenarioResult): void {
    this.running.delete(result.file);
    this.finished++;
    this.clear();
    this.out.write(`${scenarioLine(result)}\n`);
    this.render();
  }

  end(): void {
    this.clear();
  }

  private clear(): void {
    if (this.out.isTTY) this.out.write('\r\x1b[K');
  }

  private render(): void {
    if (!this.out.isTTY || this.running.size === 0) return;
    const [first] = this.running.values();
    const more = this.running.size > 1 ? ` (+${this.running.size - 1} running)` : '';
    const line = `[${this.finished}/${this.total}] ${first}${more}`;
    const width = Math.max(20, (this.out.columns || 100) - 1);
    this.out.write(`\r\x1b[K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
  }
}
