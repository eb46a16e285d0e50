/**
 * metrics.jsonl: one JSON line per logged window of iterations, with the
 * window's mean losses and D outputs, its throughput, and the time since the
 * run began (over all the processes that worked on it).
 */
import { join } from "node:path";
import type { StepStats } from "./step.ts";
import { Means } from "./means.ts";

export interface MetricsLine extends StepStats {
  step: number;
  epoch: number;
  samples_per_s: number;
  /** Seconds of training since the run began. */
  time: number;
}

export class MetricsLog {
  readonly #path: string;
  readonly #window = new Means();
  #since = performance.now();

  private constructor(path: string, readonly samplesPerIteration: number) {
    this.#path = path;
  }

  /**
   * The log of the run in `out`, resumed at `step`: lines past it, written by a
   * process that stopped before its next checkpoint, are dropped, since the
   * resumed run writes them again.
   */
  static async open(out: string, step: number, samplesPerIteration: number): Promise<MetricsLog> {
    const path = join(out, "metrics.jsonl");
    const old = await Deno.readTextFile(path).catch(() => "");
    const kept = old.split("\n").filter((line) => line && (JSON.parse(line) as MetricsLine).step <= step);
    await Deno.writeTextFile(path, kept.map((line) => line + "\n").join(""));
    return new MetricsLog(path, samplesPerIteration);
  }

  add(stats: StepStats): void {
    this.#window.add(stats);
  }

  /** Appends the window's line, if it has iterations, and starts a new window. */
  async write(step: number, epoch: number, time: number): Promise<void> {
    if (this.#window.count === 0) return;
    const seconds = (performance.now() - this.#since) / 1000;
    const samples = this.#window.count * this.samplesPerIteration;
    const line: MetricsLine = { step, epoch, ...this.#window.take(), samples_per_s: samples / seconds, time };
    await Deno.writeTextFile(this.#path, JSON.stringify(line) + "\n", { append: true });
    this.#since = performance.now();
  }
}
