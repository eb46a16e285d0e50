/** A run on a 2-D mixture: the toy metrics of its samples beside the test split's, and their pictures. */
import type { Dataset } from "../data/mod.ts";
import type { Rng } from "../random.ts";
import { drawToyPlot } from "../image/toy_plot.ts";
import { barChart } from "./bar_chart.ts";
import type { Evaluation } from "./report.ts";
import type { TrainedRun } from "./run.ts";
import { sampleMany } from "./sampling.ts";
import { type ToyMetrics, toyMetrics } from "./toy.ts";

export interface ToyReport {
  kind: "toy";
  samples: ToyMetrics;
  /** The floor: the same metrics of the test split. */
  real: ToyMetrics;
}

const PLOT_SIDE = 256;

export function evaluateToy(run: TrainedRun, dataset: Dataset, n: number, rng: Rng): Evaluation<ToyReport> {
  const modes = dataset.modes!, std = dataset.std!, test = dataset.test;
  const points = sampleMany(run.G, run.record.model, n, rng);
  const real = test.x.subarray(0, 2 * Math.min(n, test.n));
  const report: ToyReport = {
    kind: "toy",
    samples: toyMetrics(points, modes, std),
    real: toyMetrics(real, modes, std),
  };
  const scatter = drawToyPlot({
    side: PLOT_SIDE,
    extent: 1.5 * Math.max(...modes.flat().map(Math.abs)),
    surface: new Float32Array(PLOT_SIDE * PLOT_SIDE).fill(0.5), // no discriminator: a neutral ground
    real,
    fake: points,
  });
  return {
    report,
    pictures: { "scatter.png": scatter, "coverage.png": barChart(report.samples.counts, report.real.counts) },
  };
}
