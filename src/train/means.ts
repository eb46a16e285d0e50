/** Means of the per-iteration numbers over a window of iterations. */
import type { UpdateStats } from "./update_stats.ts";

const KEYS = ["lossD", "lossG", "dReal", "dFake"] as const;

export class Means {
  count = 0;
  #sums: UpdateStats = { lossD: 0, lossG: 0, dReal: 0, dFake: 0 };

  add(stats: UpdateStats): void {
    for (const key of KEYS) this.#sums[key] += stats[key];
    this.count++;
  }

  /** The means so far. */
  get(): UpdateStats {
    const n = Math.max(1, this.count);
    const s = this.#sums;
    return { lossD: s.lossD / n, lossG: s.lossG / n, dReal: s.dReal / n, dFake: s.dFake / n };
  }

  /** The means, and a fresh window. */
  take(): UpdateStats {
    const means = this.get();
    this.count = 0;
    for (const key of KEYS) this.#sums[key] = 0;
    return means;
  }
}
