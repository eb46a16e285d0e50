/**
 * A CycleGAN run on the test images of both domains: the share of each
 * domain's translations that the data's classifier reads as the other
 * domain's class (where the domains are two classes of built-in data), and
 * how far each image is from its round trip (cycle L1), beside the
 * classifier's reading of the real test images (the floor).
 */
import type { UnpairedDataset } from "../data/unpaired.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import { type Direction, translate } from "../sampling/translation.ts";
import type { TrainedTranslation } from "./translation_run.ts";
import { loadClassifier } from "../models/classifier_store.ts";
import { embed } from "./embedding.ts";
import { meanAbsolute } from "./fidelity.ts";
import { argmax } from "../models/class_predictions.ts";
import type { Evaluation } from "./report.ts";

export interface CycleDirection {
  images: number;
  /** The share of translations read as the target domain's class; null without a classifier. */
  readAsTarget: number | null;
  /** The share of the real test images of the target domain read as its class: the floor. */
  realReadAsTarget: number | null;
  /** Mean |F(G(x)) − x| per pixel, on pixels in [0, 1]. */
  cycleL1: number;
}

export interface CycleReport {
  kind: "cycle";
  from: string;
  to: string;
  forward: CycleDirection;
  backward: CycleDirection;
}

const SHOWN = 16;

export async function evaluateCycle(
  model: TrainedTranslation,
  data: UnpairedDataset,
  n: number | undefined,
): Promise<Evaluation<CycleReport>> {
  const { shape, classes } = data;
  const classifier = classes ? (await loadClassifier(classes.data)).classifier : undefined;
  const share = async (x: Float32Array, count: number, label: number) => {
    if (!classifier) return null;
    const predicted = argmax((await embed(classifier, x, count)).probs, classifier.classes);
    return predicted.filter((c) => c === label).length / count;
  };
  const measure = async (direction: Direction) => {
    const [source, target] = direction === "forward" ? [data.a, data.b] : [data.b, data.a];
    const count = Math.min(n ?? source.test.n, source.test.n), targetCount = Math.min(count, target.test.n);
    const x = source.test.x.subarray(0, count * shape[0] * shape[1] * shape[2]);
    const translated = await translate(model, x, count, direction);
    const back = await translate(model, translated, count, direction === "forward" ? "backward" : "forward");
    const label = classes && (direction === "forward" ? classes.b : classes.a);
    const result: CycleDirection = {
      images: count,
      readAsTarget: label === undefined ? null : await share(translated, count, label),
      realReadAsTarget: label === undefined ? null : await share(target.test.x, targetCount, label),
      cycleL1: meanAbsolute(back, x),
    };
    return { result, rows: [x, translated, back] };
  };
  const forward = await measure("forward"), backward = await measure("backward");
  const shown = Math.min(SHOWN, forward.result.images, backward.result.images);
  const picture = rowsGrid(
    [...forward.rows, ...backward.rows].map((x) => ({ x, side: shape[0], channels: shape[2] })),
    shown,
  );
  return {
    report: {
      kind: "cycle",
      from: data.from,
      to: data.to,
      forward: forward.result,
      backward: backward.result,
    },
    pictures: { "translations.png": picture },
  };
}

/** The report as the table `deno task eval` prints. */
export function cycleTable({ from, to, forward, backward }: CycleReport): string {
  const percent = (v: number | null) => v === null ? "-" : `${(100 * v).toFixed(1)}%`;
  const line = (name: string, d: CycleDirection) =>
    `${name.padEnd(28)}  ${String(d.images).padStart(6)}  ${percent(d.readAsTarget).padStart(14)}  ${
      percent(d.realReadAsTarget).padStart(10)
    }  ${d.cycleL1.toFixed(4).padStart(8)}`;
  return [
    `${"".padEnd(28)}  images  read as target  real read  cycle L1`,
    line(`${from} → ${to}`, forward),
    line(`${to} → ${from}`, backward),
  ].join("\n") + "\n";
}
