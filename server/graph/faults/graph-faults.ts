// The admin-side fault rules in force: which Graph request a rule hits next, and what it answers then.
import { randomUuid } from '../../../lib/random-uuid.js';
import type { GraphFaultRule } from '../../../shared/graph/graph-fault.js';
import { type PathPattern, pathPattern } from './path-pattern.js';
import { seededRandom } from './seeded-random.js';

export interface ActiveGraphFault extends GraphFaultRule {
  id: string;
  /** Matching requests it has hit so far. */
  hits: number;
  /** Requests it may still hit; null for a fraction without a bound. */
  remaining: number | null;
}

export type GraphFaultHit = Pick<ActiveGraphFault, 'id' | 'status' | 'retryAfterSeconds' | 'delayMs'>;

interface Entry {
  fault: ActiveGraphFault;
  path: PathPattern;
  random: () => number;
}

export class GraphFaults {
  private readonly entries: Entry[] = [];

  add(rule: GraphFaultRule): ActiveGraphFault {
    const remaining = rule.times ?? (rule.fraction === undefined ? 1 : null);
    const fault: ActiveGraphFault = { ...rule, id: randomUuid(), hits: 0, remaining };
    this.entries.push({ fault, path: pathPattern(rule.path), random: seededRandom(rule.seed) });
    return fault;
  }

  list(): ActiveGraphFault[] {
    return this.entries.map((entry) => ({ ...entry.fault }));
  }

  remove(id: string): boolean {
    const index = this.entries.findIndex((entry) => entry.fault.id === id);
    if (index >= 0) this.entries.splice(index, 1);
    return index >= 0;
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** The first rule in force that hits this request; a hit counts against its `times`, and a spent rule is dropped. */
  hit(method: string, path: string): GraphFaultHit | null {
    for (const entry of this.entries) {
      const { fault } = entry;
      if (fault.method !== '*' && fault.method !== method.toUpperCase()) continue;
      if (!entry.path.test(path)) continue;
      if (fault.fraction !== undefined && entry.random() >= fault.fraction) continue;
      fault.hits++;
      if (fault.remaining !== null) {
        fault.remaining--;
        if (fault.remaining <= 0) this.remove(fault.id);
      }
      return {
        id: fault.id,
        status: fault.status,
        retryAfterSeconds: fault.retryAfterSeconds,
        delayMs: fault.delayMs,
      };
    }
    return null;
  }
}
