/**
 * The labelled samples of a semi-supervised run: a balanced, seeded draw
 * from the training split, and batches drawn from it.
 */
import * as tf from "@tensorflow/tfjs-core";
import { rowsAt, type Split } from "../data/mod.ts";
import { oneHot } from "../models/labels.ts";
import { Rng } from "../random.ts";

/** `n` indices into the training split's `labels`, n / classes of each class, drawn from `seed`, in order. */
export function chooseLabelled(labels: Int32Array, n: number, classes: number, seed: number): Int32Array {
  if (n % classes !== 0) throw new Error(`${n} labelled samples do not split evenly into ${classes} classes`);
  const rng = Rng.seeded(seed);
  const chosen: number[] = [];
  for (let c = 0; c < classes; c++) {
    const ofClass = Int32Array.from(labels.keys()).filter((i) => labels[i] === c);
    if (ofClass.length < n / classes) {
      throw new Error(`class ${c} has only ${ofClass.length} training samples`);
    }
    chosen.push(...rng.shuffle(ofClass).subarray(0, n / classes));
  }
  return Int32Array.from(chosen).sort();
}

/**
 * `size` of the split's `labelled` samples and their one-hot labels: the
 * labelled set tiled and each tile shuffled, as Salimans et al.'s code
 * draws them, so a batch as large as the set holds each sample once.
 */
export function labelledBatch(
  split: Split,
  labelled: Int32Array,
  rng: Rng,
  size: number,
  classes: number,
): { labelled: tf.Tensor; labels: tf.Tensor } {
  const sampleSize = split.x.length / split.n;
  const indices = new Int32Array(size);
  let tile = rng.shuffle(labelled.slice());
  for (let i = 0; i < size; i++) {
    if (i > 0 && i % labelled.length === 0) tile = rng.shuffle(labelled.slice());
    indices[i] = tile[i % labelled.length];
  }
  const labels = indices.map((from) => split.labels![from]);
  return {
    labelled: tf.tensor(rowsAt(split.x, sampleSize, indices), [size, sampleSize]),
    labels: oneHot(labels, classes),
  };
}
