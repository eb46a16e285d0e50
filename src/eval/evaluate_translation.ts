/**
 * A translation run (pix2pix) on its test pairs: the L1 distance from G's
 * outputs to the targets, and, where the targets have a shipped classifier
 * (edges2fashion), the outputs' classifier-FID and the classifier's accuracy
 * on them, beside the same for the real targets (the floor). Isola et al.'s
 * point is that the GAN term makes outputs sharp where L1 alone blurs them:
 * L1 favours the blur, FID does not, so both are reported.
 */
import type { PairedDataset } from "../data/paired.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import { type TrainedTranslation, translate } from "../sampling/translation.ts";
import { CLASSIFIED_DATA, loadClassifier } from "./classifier_store.ts";
import { toClassifierShape } from "./classifier_input.ts";
import { embed } from "./embedding.ts";
import { frechetDistance, moments } from "./frechet.ts";
import { FEATURES } from "./classifier.ts";
import { accuracy, argmax } from "./predictions.ts";
import type { Evaluation } from "./report.ts";

export interface TranslationReport {
  kind: "translation";
  from: string;
  to: string;
  /** Test pairs translated. */
  pairs: number;
  /** Mean |G(a) − b| per pixel, on pixels scaled to [0, 1]. */
  l1: number;
  /** Where the targets have a classifier: FID against 10,000 training targets, and accuracy on the labels. */
  classified?: {
    outputs: { fid: number; accuracy: number };
    real: { fid: number; accuracy: number };
  };
}

const REFERENCE_IMAGES = 10_000;
/** Test pairs in the picture. */
const SHOWN = 16;

export async function evaluateTranslation(
  model: TrainedTranslation,
  data: PairedDataset,
  n: number,
): Promise<Evaluation<TranslationReport>> {
  const { test, train, shapeA, shapeB } = data;
  const outputs = await translate(model, test.a, n);
  let l1 = 0;
  for (let i = 0; i < outputs.length; i++) l1 += Math.abs(outputs[i] - test.b[i]);
  const report: TranslationReport = {
    kind: "translation",
    from: data.from,
    to: data.to,
    pairs: n,
    l1: l1 / outputs.length / 2,
  };
  if ((CLASSIFIED_DATA as readonly string[]).includes(data.to) && test.labels) {
    const { classifier } = await loadClassifier(data.to);
    const read = (x: Float32Array, count: number) =>
      embed(classifier, toClassifierShape(x, count, shapeB), count);
    const ref = await read(train.b, Math.min(train.n, REFERENCE_IMAGES));
    const refMoments = moments(ref.features, ref.n, FEATURES);
    const labels = test.labels.subarray(0, n);
    const measure = async (x: Float32Array) => {
      const e = await read(x, n);
      return {
        fid: frechetDistance(moments(e.features, n, FEATURES), refMoments),
        accuracy: accuracy(argmax(e.probs, e.classes), labels),
      };
    };
    report.classified = { outputs: await measure(outputs), real: await measure(test.b) };
  }
  const shown = Math.min(SHOWN, n);
  const picture = rowsGrid(
    [{ x: test.a, channels: shapeA[2] }, { x: outputs, channels: shapeB[2] }, {
      x: test.b,
      channels: shapeB[2],
    }],
    shown,
    shapeA[0],
  );
  return { report, pictures: { "translations.png": picture } };
}

/** The report as the table `deno task eval` prints. */
export function translationTable({ from, to, pairs, l1, classified }: TranslationReport): string {
  const rows = [`${from} → ${to}, ${pairs} test pairs`, `L1 (pixels in [0, 1]): ${l1.toFixed(4)}`];
  if (classified) {
    const { outputs, real } = classified;
    rows.push(
      "              FID      accuracy",
      `outputs   ${outputs.fid.toFixed(2).padStart(8)}   ${outputs.accuracy.toFixed(4)}`,
      `real      ${real.fid.toFixed(2).padStart(8)}   ${real.accuracy.toFixed(4)}`,
    );
  }
  return rows.join("\n") + "\n";
}
