/**
 * A translation run (pix2pix, SRGAN) on its test pairs: the outputs' L1
 * distance, PSNR and SSIM to the targets, and, where the targets have a
 * shipped classifier, the outputs' classifier-FID and the classifier's
 * accuracy on them, beside the same for the real targets (the floor). An
 * SRGAN run also gets the rows of bicubic upsampling. Pixel distances favour
 * a blur, which a GAN term trades for sharpness; FID and accuracy do not, so
 * all are reported (Isola et al.; Ledig et al.).
 */
import type { PairedDataset } from "../data/paired.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import { resize } from "../image/resize.ts";
import { translate } from "../sampling/translation.ts";
import type { TrainedTranslation } from "./translation_run.ts";
import { FEATURES } from "../models/classifier.ts";
import { CLASSIFIED_DATA, loadClassifier } from "../models/classifier_store.ts";
import { toClassifierShape } from "./classifier_input.ts";
import { embed } from "./embedding.ts";
import { meanAbsolute, psnr, ssim } from "./fidelity.ts";
import { frechetDistance, moments } from "./frechet.ts";
import { accuracy, argmax } from "../models/class_predictions.ts";
import type { Evaluation } from "./report.ts";

/** How one set of images compares with the test targets (the targets themselves: FID and accuracy alone). */
export interface TranslationMetrics {
  /** Mean |x − target| per pixel, on pixels in [0, 1]. */
  l1?: number;
  psnr?: number;
  ssim?: number;
  /** Where the targets have a classifier: FID against 10,000 training targets, and accuracy on the labels. */
  fid?: number;
  accuracy?: number;
}

export interface TranslationReport {
  kind: "translation";
  from: string;
  to: string;
  /** Test pairs translated. */
  pairs: number;
  /** G's outputs, the real targets (the floor) and, for SRGAN, bicubic upsampling of the inputs. */
  rows: Record<string, TranslationMetrics>;
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
  const sets: Record<string, Float32Array> = { outputs: await translate(model, test.a, n) };
  if (model.record.model.arch === "srgan") sets.bicubic = upsample(test.a, n, shapeA[0], shapeB[0]);
  sets.real = test.b.subarray(0, sets.outputs.length);
  const rows: Record<string, TranslationMetrics> = {};
  for (const [name, x] of Object.entries(sets)) {
    rows[name] = name === "real"
      ? {}
      : { l1: meanAbsolute(x, test.b), psnr: psnr(x, test.b, n), ssim: ssim(x, test.b, n, shapeB) };
  }
  if ((CLASSIFIED_DATA as readonly string[]).includes(data.to) && test.labels) {
    const { classifier } = await loadClassifier(data.to);
    const read = (x: Float32Array, count: number) =>
      embed(classifier, toClassifierShape(x, count, shapeB), count);
    const ref = await read(train.b, Math.min(train.n, REFERENCE_IMAGES));
    const refMoments = moments(ref.features, ref.n, FEATURES);
    for (const [name, x] of Object.entries(sets)) {
      const e = await read(x, n);
      rows[name].fid = frechetDistance(moments(e.features, n, FEATURES), refMoments);
      rows[name].accuracy = accuracy(argmax(e.probs, e.classes), test.labels.subarray(0, n));
    }
  }
  const shown = Math.min(SHOWN, n);
  const picture = rowsGrid([
    { x: test.a, side: shapeA[0], channels: shapeA[2] },
    ...Object.values(sets).map((x) => ({ x, side: shapeB[0], channels: shapeB[2] })),
  ], shown);
  return {
    report: { kind: "translation", from: data.from, to: data.to, pairs: n, rows },
    pictures: { "translations.png": picture },
  };
}

/** Bicubic upsampling of `n` gray images from `from` to `to` pixels a side, clamped to [-1, 1]. */
function upsample(x: Float32Array, n: number, from: number, to: number): Float32Array {
  const out = new Float32Array(n * to * to);
  for (let i = 0; i < n; i++) {
    const big = resize(x.subarray(i * from * from, (i + 1) * from * from), from, from, 1, to, to, "bicubic");
    out.set(big.map((v) => Math.max(-1, Math.min(1, v))), i * to * to);
  }
  return out;
}

/** The report as the table `deno task eval` prints. */
export function translationTable({ from, to, pairs, rows }: TranslationReport): string {
  const columns = ["L1", "PSNR (dB)", "SSIM", "FID", "accuracy"];
  const cell = (v: number | undefined, digits: number) => v === undefined ? "-" : v.toFixed(digits);
  const lines = Object.entries(rows).map((
    [name, m],
  ) => [name, cell(m.l1, 4), cell(m.psnr, 2), cell(m.ssim, 4), cell(m.fid, 2), cell(m.accuracy, 4)]);
  const table = [["", ...columns], ...lines];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  return [
    `${from} → ${to}, ${pairs} test pairs`,
    ...table.map((row) => row.map((v, c) => c ? v.padStart(widths[c]) : v.padEnd(widths[c])).join("  ")),
  ].join("\n") + "\n";
}
