/**
 * The small CNN whose features and predictions the image metrics use, one
 * per labelled dataset (models/classifier-<data>/): three 3x3 convolutions
 * with batch norm and ReLU (32 at 28x28, 64 and 128 at stride 2), a 1x1
 * convolution down to 16 channels, a dense layer of 128 on the 7x7x16
 * flattened (the penultimate features) and the class logits. The 1x1
 * bottleneck keeps the spatial layout, which a spatial mean would lose (it
 * learns digits far slower), at an eighth of the weights of a dense layer on
 * all 7x7x128: the shipped file is about 400 KB.
 */
import { batchNorm, conv2d, dense, flatten, type Layer, relu, sequential } from "./layers.ts";
import { Params } from "./params.ts";
import type { Rng } from "../random.ts";

/** The images every classifier reads: MNIST-like 28x28 gray in [-1, 1]. */
export const CLASSIFIER_SHAPE = [28, 28, 1] as const;
export const FEATURES = 128;
const BOTTLENECK = 16;
/** The side of the last feature maps, after two stride-2 convolutions. */
const LAST_SIDE = CLASSIFIER_SHAPE[0] / 4;

export interface Classifier {
  params: Params;
  classes: number;
  /** The last feature maps [n, 7, 7, 128] of images [n, 28, 28, 1]: SRGAN's content term compares them. */
  maps: Layer;
  /** Penultimate features [n, FEATURES] of images [n, 28, 28, 1]. */
  features: Layer;
  /** Class logits [n, classes] from features. */
  head: Layer;
}

export function buildClassifier(classes: number, rng: Rng): Classifier {
  const p = new Params("C", rng);
  const block = (name: string, [inC, outC]: [number, number], stride: number) =>
    sequential(
      conv2d(p, name, [inC, outC], { kernel: 3, stride, padding: 1 }, "default"),
      batchNorm(p, `${name}/bn`, outC, "default"),
      relu,
    );
  const maps = sequential(
    block("conv1", [CLASSIFIER_SHAPE[2], 32], 1),
    block("conv2", [32, 64], 2),
    block("conv3", [64, 128], 2),
  );
  const features = sequential(
    maps,
    conv2d(p, "bottleneck", [128, BOTTLENECK], { kernel: 1, stride: 1, padding: 0 }, "default"),
    relu,
    flatten,
    dense(p, "dense1", LAST_SIDE * LAST_SIDE * BOTTLENECK, FEATURES, "default"),
    relu,
  );
  return { params: p, classes, maps, features, head: dense(p, "logits", FEATURES, classes, "default") };
}
