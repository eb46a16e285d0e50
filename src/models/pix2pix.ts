/**
 * pix2pix's networks (Isola et al. 2017) at small sizes: a U-Net generator
 * whose decoder sees the encoder's features at each size, and a PatchGAN
 * discriminator that judges each patch of the (input, output) pair. Instance
 * norm stands where the paper has batch norm at batch size 1, which is the
 * same thing, and behaves the same in training and serving.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as z from "zod/mini";
import type { Rng } from "../random.ts";
import { conv2d, conv2dTranspose, leakyRelu, relu, sequential, tanh } from "./layers.ts";
import { Params } from "./params.ts";
import { instanceNorm, skip } from "./translation_layers.ts";

/** What a translation model's networks look like; saved in its checkpoints. */
export const TRANSLATION_MODEL = z.object({
  arch: z.literal("pix2pix"),
  /** One input and one output image: [side, side, channels], the side a multiple of 4. */
  input: z.tuple([z.int(), z.int(), z.int()]),
  output: z.tuple([z.int(), z.int(), z.int()]),
  /** Channels of the first (widest) layer of both networks. */
  width: z.int().check(z.minimum(1)),
});
export type TranslationModel = z.output<typeof TRANSLATION_MODEL>;

export interface Translator {
  params: Params;
  /** Outputs [n, ...output] in [-1, 1] from inputs [n, ...input]. */
  apply(x: tf.Tensor, training: boolean): tf.Tensor;
}

export interface PatchDiscriminator {
  params: Params;
  /** One logit per patch, [n, side/4, side/4, 1], for inputs and outputs that belong together or not. */
  apply(input: tf.Tensor, output: tf.Tensor, training: boolean): tf.Tensor;
}

const DOWN = { kernel: 4, stride: 2, padding: 1 };
const SAME = { kernel: 3, stride: 1, padding: 1 };

/**
 * The U-Net: two stride-2 encoder convolutions, a 3x3 bottleneck, and two
 * transposed convolutions back up, each taking the matching encoder output
 * beside its own input.
 */
export function buildTranslator(c: TranslationModel, rng: Rng): Translator {
  const params = new Params("G", rng), w = c.width;
  const [inC, outC] = [c.input[2], c.output[2]];
  const enc1 = sequential(conv2d(params, "enc1", [inC, w], DOWN, "dcgan"), leakyRelu(0.2));
  const enc2 = sequential(
    conv2d(params, "enc2", [w, 2 * w], DOWN, "dcgan"),
    instanceNorm(params, "enc2/in", 2 * w),
    leakyRelu(0.2),
  );
  const bottleneck = sequential(
    conv2d(params, "mid", [2 * w, 2 * w], SAME, "dcgan"),
    instanceNorm(params, "mid/in", 2 * w),
    relu,
  );
  const dec2 = sequential(
    conv2dTranspose(params, "dec2", [4 * w, w], DOWN, "dcgan"),
    instanceNorm(params, "dec2/in", w),
    relu,
  );
  const dec1 = sequential(conv2dTranspose(params, "dec1", [2 * w, outC], DOWN, "dcgan"), tanh);
  return {
    params,
    apply: (x, training) => {
      const e1 = enc1(x, training), e2 = enc2(e1, training);
      const d2 = dec2(skip(bottleneck(e2, training), e2), training);
      return dec1(skip(d2, e1), training);
    },
  };
}

/** The PatchGAN: two stride-2 convolutions, then a 3x3 one to a logit per patch of about 18x18 pixels. */
export function buildPatchDiscriminator(c: TranslationModel, rng: Rng): PatchDiscriminator {
  const params = new Params("D", rng), w = c.width;
  const net = sequential(
    conv2d(params, "conv1", [c.input[2] + c.output[2], w], DOWN, "dcgan"),
    leakyRelu(0.2),
    conv2d(params, "conv2", [w, 2 * w], DOWN, "dcgan"),
    instanceNorm(params, "conv2/in", 2 * w),
    leakyRelu(0.2),
    conv2d(params, "patch", [2 * w, 1], SAME, "dcgan"),
  );
  return { params, apply: (input, output, training) => net(tf.concat([input, output], 3), training) };
}
