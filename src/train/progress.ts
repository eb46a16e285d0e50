/**
 * The progress line on stderr: epoch, iteration, ETA, throughput and the epoch's
 * mean losses and D outputs so far. On a terminal it is redrawn in place as
 * training goes; either way, each epoch ends with it printed as a plain line.
 */
import type { UpdateStats } from "./update_stats.ts";
import { Means } from "./means.ts";
import type { EpochMeasures } from "./metrics.ts";

/** Redraws per second at most: fast toy iterations must not spend their time printing. */
const REDRAW_HZ = 5;

export interface ProgressPlan {
  /** The iteration the run stops at, the one it starts from, and iterations per epoch. */
  total: number;
  start: number;
  perEpoch: number;
  epochs: number;
  samplesPerIteration: number;
  /** Seconds from now until the run's time budget (--minutes) is spent; Infinity without one. */
  secondsLeft: number;
}

export class Progress {
  readonly #epoch = new Means();
  readonly #started = performance.now();
  readonly #tty = Deno.stderr.isTerminal();
  #drawn = 0;

  constructor(readonly plan: ProgressPlan, readonly write: (text: string) => void) {}

  /** Records iteration `iteration` (1-based); on a terminal, redraws the line now and then. */
  update(iteration: number, stats: UpdateStats): void {
    this.#epoch.add(stats);
    const now = performance.now();
    if (this.#tty && now - this.#drawn > 1000 / REDRAW_HZ) {
      this.#drawn = now;
      this.write(`\r${this.#line(iteration)}\x1b[K`);
    }
  }

  /**
   * Prints the line for good (at an epoch's end, with what was measured then,
   * or where the run stops) and starts a new epoch.
   */
  finishLine(iteration: number, { testError }: EpochMeasures = {}): void {
    if (this.#epoch.count === 0) return;
    const measured = testError === undefined ? "" : `  test error ${(100 * testError).toFixed(2)}%`;
    this.write(`${this.#tty ? "\r" : ""}${this.#line(iteration)}${measured}${this.#tty ? "\x1b[K" : ""}\n`);
    this.#epoch.take();
  }

  #line(iteration: number): string {
    const { total, start, perEpoch, epochs, samplesPerIteration, secondsLeft } = this.plan;
    const seconds = (performance.now() - this.#started) / 1000;
    const rate = (iteration - start) / seconds;
    const m = this.#epoch.get();
    return [
      `epoch ${Math.ceil(iteration / perEpoch)}/${epochs}`,
      `iteration ${iteration}/${total}`,
      `eta ${duration(Math.min((total - iteration) / rate, secondsLeft - seconds))}`,
      `${(rate * samplesPerIteration).toFixed(0)} samples/s`,
      `D ${m.lossD.toFixed(3)}`,
      `G ${m.lossG.toFixed(3)}`,
      `D(x) ${m.dReal.toFixed(2)}`,
      `D(G(z)) ${m.dFake.toFixed(2)}`,
    ].join("  ");
  }
}

/** Seconds as "42s", "7m05s" or "1h02m". */
function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, "0")}m`;
}
