/** The printed form of a report: one row per metric, the samples' value beside the real data's. */
import type { ImageReport } from "./evaluate_images.ts";
import type { StackedReport } from "./evaluate_stacked.ts";
import type { TableReport } from "./evaluate_table.ts";
import type { ToyReport } from "./evaluate_toy.ts";
import { MANIFOLD_K } from "./precision_recall.ts";
import { CONFIDENT } from "./images.ts";
import type { ColumnGap } from "./tabular.ts";

type Row = [metric: string, samples: string, real: string];

const fixed = (digits: number) => (x: number) => Number.isNaN(x) ? "n/a" : x.toFixed(digits);
const percent = (x: number, places = 1) => Number.isNaN(x) ? "n/a" : `${(100 * x).toFixed(places)}%`;

type Report = ToyReport | ImageReport | StackedReport | TableReport;

export function reportTable(report: Report, classes?: string[]): string {
  switch (report.kind) {
    case "toy":
      return formatTable(toyRows(report));
    case "stacked":
      return formatTable(stackedRows(report));
    case "image":
      return formatTable(imageRows(report, classes));
    case "table":
      return formatTable(tableRows(report));
  }
}

function toyRows({ samples, real }: ToyReport): Row[] {
  return [
    ["", `samples (${samples.samples})`, `real: test split (${real.samples})`],
    [`modes captured (of ${samples.modes})`, `${samples.captured}`, `${real.captured}`],
    ["high-quality samples (≤ 3 std)", percent(samples.highQuality), percent(real.highQuality)],
    ["reverse KL to uniform (nats)", fixed(4)(samples.kl), fixed(4)(real.kl)],
  ];
}

function stackedRows({ samples, real, modeAccuracy }: StackedReport): Row[] {
  return [
    ["", `samples (${samples.images})`, `real: test split (${real.images})`],
    [`modes captured (of ${samples.counts.length})`, `${samples.captured}`, `${real.captured}`],
    ["reverse KL to uniform (nats)", fixed(4)(samples.kl), fixed(4)(real.kl)],
    ["classifier reads all 3 digits right", "", percent(modeAccuracy)],
  ];
}

function tableRows({ samples, real, columns }: TableReport): Row[] {
  const gaps = (g: ColumnGap) => `KS ${fixed(3)(g.ks)}, W1 ${fixed(3)(g.wasserstein)}`;
  return [
    ["", `samples (${samples.rows})`, `real: test vs train (${real.rows})`],
    ["mean KS statistic over columns", fixed(3)(samples.ks), fixed(3)(real.ks)],
    ["mean Wasserstein-1 (z-scores)", fixed(3)(samples.wasserstein), fixed(3)(real.wasserstein)],
    ["correlation gap (mean |Δr|)", fixed(3)(samples.correlationGap), fixed(3)(real.correlationGap)],
    ["median distance to closest training row", fixed(3)(samples.dcr), fixed(3)(real.dcr)],
    ...columns.map((name, c): Row => [`  ${name}`, gaps(samples.columns[c]), gaps(real.columns[c])]),
  ];
}

function imageRows(
  { samples, real, conditional, categoricalCode, discriminator, classifierAccuracy }: ImageReport,
  classes?: string[],
): Row[] {
  const rows: Row[] = [
    ["", `samples (${samples.images})`, `real: test vs train (${real.images})`],
    ["classifier-FID", fixed(3)(samples.fid), fixed(3)(real.fid)],
    ["classifier score", fixed(3)(samples.score), fixed(3)(real.score)],
    [`confident share (p > ${CONFIDENT})`, fixed(3)(samples.confident), fixed(3)(real.confident)],
    [
      `classes covered (of ${samples.coverage.counts.length})`,
      `${samples.coverage.captured}`,
      `${real.coverage.captured}`,
    ],
    ["class KL to uniform (nats)", fixed(4)(samples.coverage.kl), fixed(4)(real.coverage.kl)],
    [`precision (k=${MANIFOLD_K})`, fixed(3)(samples.precision), fixed(3)(real.precision)],
    [`recall (k=${MANIFOLD_K})`, fixed(3)(samples.recall), fixed(3)(real.recall)],
  ];
  if (conditional) {
    rows.push([
      "accuracy on requested class",
      percent(conditional.samples.mean),
      percent(conditional.real.mean),
    ]);
    conditional.samples.perClass.forEach((accuracy, c) =>
      rows.push([
        `  class ${classes?.[c] ?? c}: accuracy, FID`,
        `${percent(accuracy)}, ${
          Number.isNaN(conditional.fidPerClass[c]) ? "n/a" : fixed(1)(conditional.fidPerClass[c])
        }`,
        percent(conditional.real.perClass[c]),
      ])
    );
  }
  if (categoricalCode) {
    rows.push(["categorical code as a classifier: error", percent(categoricalCode.error), ""]);
    categoricalCode.classOf.forEach((c, value) =>
      rows.push([`  code value ${value} reads as`, c < 0 ? "no class" : classes?.[c] ?? String(c), ""])
    );
  }
  if (discriminator) {
    const { errors, testImages, error, labels } = discriminator;
    rows.push([
      `D as a classifier from ${labels} labels: test errors`,
      `${errors} of ${testImages} (${percent(error, 2)})`, // two places: errors near 1% differ in the second
      "",
    ]);
  }
  rows.push(["classifier accuracy (whole test split)", "", percent(classifierAccuracy)]);
  return rows;
}

/** Left-aligned columns two spaces apart. */
function formatTable(rows: readonly string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((row) => row[j].length)));
  return rows.map((row) => row.map((cell, j) => cell.padEnd(widths[j])).join("  ").trimEnd()).join("\n") +
    "\n";
}
