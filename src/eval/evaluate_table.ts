/**
 * A run on a table (a CSV file): the tabular metrics of its samples beside
 * those of the test split (the floor), both against the training split, in
 * the z-scores the run trained on; and the marginals' picture.
 */
import type { Dataset } from "../data/mod.ts";
import type { Rng } from "../random.ts";
import { marginalCharts } from "./marginals.ts";
import type { Evaluation } from "./report.ts";
import type { TrainedRun } from "./run.ts";
import { sampleMany } from "./sampling.ts";
import { type TableMetrics, tableMetrics } from "./tabular.ts";

export interface TableReport {
  kind: "table";
  columns: string[];
  samples: TableMetrics;
  /** The floor: the same metrics of the test split. */
  real: TableMetrics;
}

export async function evaluateTable(
  run: TrainedRun,
  dataset: Dataset,
  n: number,
  rng: Rng,
): Promise<Evaluation<TableReport>> {
  const { train, test, shape: [d] } = dataset;
  const samples = sampleMany(run.G, run.record.model, n, rng);
  // As many test rows as samples, as the other evaluations' floors take: the metrics' noise depends on n.
  const realN = Math.min(n, test.n);
  const report: TableReport = {
    kind: "table",
    columns: dataset.columns!,
    samples: await tableMetrics(samples, n, train.x, train.n, d),
    real: await tableMetrics(test.x.subarray(0, realN * d), realN, train.x, train.n, d),
  };
  return { report, pictures: { "marginals.png": marginalCharts(samples, test.x, train.x, d) } };
}
