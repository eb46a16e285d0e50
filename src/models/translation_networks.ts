/**
 * The networks of image-to-image GANs at small sizes:
 *
 * - pix2pix (Isola et al. 2017): a U-Net generator whose decoder sees the
 *   encoder's features at each size, and a PatchGAN discriminator that
 *   judges each patch of the (input, output) pair;
 * - SRGAN (Ledig et al. 2017): a residual generator that upsamples 4x by two
 *   pixel shuffles, and the PatchGAN judging the output alone;
 * - CycleGAN (Zhu et al. 2017): two residual generators that keep the size
 *   (downsample, residual blocks, upsample), one each way, and a PatchGAN
 *   per domain, each judging images alone.
 *
 * Instance norm stands where the papers have batch norm (at pix2pix's batch
 * size of 1 the two are the same); it behaves the same in training and serving.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Rng } from "../random.ts";
import { conv2d, conv2dTranspose, leakyRelu, relu, sequential, tanh } from "./layers.ts";
import { Params } from "./params.ts";
import type { TranslationModel } from "./translation_config.ts";
import { instanceNorm, pixelShuffle, reflectionPad, residualBlock, skip } from "./translation_layers.ts";

/** SRGAN's residual blocks: the paper has 16 at 96 px; 4 suffice at 7 px. */
const SR_BLOCKS = 4;
/** CycleGAN's residual blocks: the paper has 6 at 128 px; 3 at 14 px here. */
const CYCLE_BLOCKS = 3;

export interface Translator {
  params: Params;
  /** Outputs [n, ...output] in [-1, 1] from inputs [n, ...input]. */
  apply(x: tf.Tensor, training: boolean): tf.Tensor;
}

export interface PatchDiscriminator {
  params: Params;
  /**
   * One logit per patch of about 18x18 pixels, [n, side/4, side/4, 1]: of the
   * output beside its input (pix2pix), or of the output alone (SRGAN).
   */
  apply(input: tf.Tensor, output: tf.Tensor, training: boolean): tf.Tensor;
}

const DOWN = { kernel: 4, stride: 2, padding: 1 };
const SAME = { kernel: 3, stride: 1, padding: 1 };

/** The generator; a CycleGAN's second one, which translates back, is named `F` (the paper's). */
export function buildTranslator(c: TranslationModel, rng: Rng, name = "G"): Translator {
  if (c.arch === "pix2pix") return uNet(c, rng);
  return c.arch === "srgan" ? superResolution(c, rng) : cycleGenerator(c, rng, name);
}

/**
 * pix2pix's U-Net: two stride-2 encoder convolutions, a 3x3 bottleneck, and
 * two transposed convolutions back up, each taking the matching encoder
 * output beside its own input.
 */
function uNet(c: TranslationModel, rng: Rng): Translator {
  const params = new Params("G", rng), w = c.width;
  const [inC, outC] = [c.input[2], c.output[2]];
  const enc1 = conv2d(params, "enc1", [inC, w], DOWN, "dcgan", 0.2);
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

/**
 * SRGAN's generator: a 3x3 convolution, residual blocks with a skip around
 * them all, then two rounds of a 3x3 convolution to 4x the channels and a
 * pixel shuffle that trades them for 2x the side, and a last 3x3 convolution
 * to the image.
 */
function superResolution(c: TranslationModel, rng: Rng): Translator {
  const params = new Params("G", rng), w = c.width;
  const head = conv2d(params, "head", [c.input[2], w], SAME, "dcgan", 0); // a ReLU: slope 0
  const body = sequential(
    ...Array.from({ length: SR_BLOCKS }, (_, i) => residualBlock(params, `res${i + 1}`, w)),
    conv2d(params, "body", [w, w], SAME, "dcgan"),
    instanceNorm(params, "body/in", w),
  );
  // The ReLU goes into the convolution: it commutes with the shuffle, which only moves values.
  const up = (name: string) =>
    sequential(conv2d(params, name, [w, 4 * w], SAME, "dcgan", 0), pixelShuffle(2));
  const tail = sequential(up("up1"), up("up2"), conv2d(params, "out", [w, c.output[2]], SAME, "dcgan"), tanh);
  return {
    params,
    apply: (x, training) => {
      const h = head(x, training);
      return tail(tf.add(h, body(h, training)), training);
    },
  };
}

/**
 * CycleGAN's generator at small sizes: a reflection-padded 3x3 convolution, a
 * stride-2 one down, residual blocks, a transposed convolution back up and a
 * reflection-padded 3x3 convolution to the image.
 */
function cycleGenerator(c: TranslationModel, rng: Rng, name: string): Translator {
  const params = new Params(name, rng), w = c.width;
  const net = sequential(
    reflectionPad(1),
    conv2d(params, "head", [c.input[2], w], { kernel: 3, stride: 1, padding: 0 }, "dcgan"),
    instanceNorm(params, "head/in", w),
    relu,
    conv2d(params, "down", [w, 2 * w], DOWN, "dcgan"),
    instanceNorm(params, "down/in", 2 * w),
    relu,
    ...Array.from({ length: CYCLE_BLOCKS }, (_, i) => residualBlock(params, `res${i + 1}`, 2 * w)),
    conv2dTranspose(params, "up", [2 * w, w], DOWN, "dcgan"),
    instanceNorm(params, "up/in", w),
    relu,
    reflectionPad(1),
    conv2d(params, "out", [w, c.output[2]], { kernel: 3, stride: 1, padding: 0 }, "dcgan"),
    tanh,
  );
  return { params, apply: net };
}

/** The PatchGAN: two stride-2 convolutions, then a 3x3 one to a logit per patch. CycleGAN's are `DA` and `DB`. */
export function buildPatchDiscriminator(c: TranslationModel, rng: Rng, name = "D"): PatchDiscriminator {
  const params = new Params(name, rng), w = c.width;
  const conditional = c.arch === "pix2pix";
  const net = sequential(
    conv2d(params, "conv1", [(conditional ? c.input[2] : 0) + c.output[2], w], DOWN, "dcgan", 0.2),
    conv2d(params, "conv2", [w, 2 * w], DOWN, "dcgan"),
    instanceNorm(params, "conv2/in", 2 * w),
    leakyRelu(0.2),
    conv2d(params, "patch", [2 * w, 1], SAME, "dcgan"),
  );
  return {
    params,
    apply: (input, output, training) => net(conditional ? tf.concat([input, output], 3) : output, training),
  };
}
