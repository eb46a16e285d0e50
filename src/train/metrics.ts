/**
 * metrics.jsonl: one JSON line per logged window of iterations, with the
 * window's mean losses and D outputs, its throughput, the time since the
 * run began (over all the processes that worked on it), and at an epoch's end
 * what was measured then.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import type { UpdateStats } from "./update_stats.ts";
import { Means } from "./means.ts";

/** Figures measured at an epoch's end, on its metrics line and progress line. */
export interface EpochMeasures {
  /** A semi-supervised D's share of the test split it reads wrong. */
  testError?: number;
}

export interface MetricsLine extends UpdateStats, EpochMeasures {
  /** Iterations done when the line was written. */
  iteration: number;
  /** The epoch, counted from 1, that the line's last iteration belongs to: at an epoch's end, the one just done. */
  epoch: number;
  /** Samples a second of the window's iterations alone (the progress line's rate is over all the time). */
  samples_per_s: number;
  /** Seconds of training since the run began. */
  time: number;
}

export class MetricsLog {
  readonly #path: string;
  readonly #window = new Means();
  /** Milliseconds the window's iterations took: pictures, checkpoints and measuring are not training. */
  #busy = 0;

  private constructor(path: string, readonly samplesPerIteration: number) {
    this.#path = path;
  }

  /**
   * The log of the run in `out`, resumed after `iterations`: lines past it,
   * written by a process that stopped before its next checkpoint, are
   * dropped, since the resumed run writes them again.
   */
  static async open(out: string, iterations: number, samplesPerIteration: number): Promise<MetricsLog> {
    const path = join(out, "metrics.jsonl");
    const old = await Deno.readTextFile(path).catch(() => "");
    // A line cut short by a crash or a full disk does not parse: it is dropped with the lines after it.
    const lines = old.split("\n").filter((line) => line);
    const whole = lines.findIndex((line) => !parses(line));
    const kept = lines.slice(0, whole < 0 ? lines.length : whole)
      .filter((line) => lineIteration(JSON.parse(line)) <= iterations);
    // Replaced whole, so that a crash while rewriting it loses nothing.
    await writeFileAtomic(path, kept.map((line) => line + "\n").join(""));
    return new MetricsLog(path, samplesPerIteration);
  }

  /** Adds an iteration's figures, and the milliseconds it took. */
  add(stats: UpdateStats, ms: number): void {
    this.#window.add(stats);
    this.#busy += ms;
  }

  /** Appends the window's line, if it has iterations, with the epoch's `measures`; starts a new window. */
  async write(iteration: number, epoch: number, time: number, measures: EpochMeasures = {}): Promise<void> {
    if (this.#window.count === 0) return;
    const samples = this.#window.count * this.samplesPerIteration;
    const line: MetricsLine = {
      iteration,
      epoch,
      ...this.#window.take(),
      samples_per_s: samples / (this.#busy / 1000),
      time,
      ...measures,
    };
    await Deno.writeTextFile(this.#path, JSON.stringify(line) + "\n", { append: true });
    this.#busy = 0;
  }
}

function parses(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

/** A line's iteration; lines written before it was named by what it counts call it `step`. */
function lineIteration(line: { iteration: number } | { step: number }): number {
  return "iteration" in line ? line.iteration : line.step;
}
