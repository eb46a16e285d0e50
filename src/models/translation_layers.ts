/**
 * The layers of image-to-image GANs at small sizes (pix2pix, CycleGAN,
 * SRGAN): instance normalisation, reflection padding, residual blocks,
 * U-Net skips, and pixel-shuffle upsampling. Each is a
 * composite of ops with gradients on every backend; 3x3 stride-1
 * convolutions are conv2d's, with padding 1 or after a reflection pad.
 */
import * as tf from "@tensorflow/tfjs-core";
import { conv2d, type Layer, relu, sequential } from "./layers.ts";
import type { Params } from "./params.ts";

/**
 * Instance normalisation (Ulyanov et al. 2016): each sample's channels
 * normalised over their own pixels, with a learned scale and shift, as
 * CycleGAN's and pix2pix's generators use it in place of batch norm.
 */
export function instanceNorm(p: Params, name: string, channels: number): Layer {
  const gamma = p.weight(`${name}/gamma`, [channels], { constant: 1 });
  const beta = p.weight(`${name}/beta`, [channels], { constant: 0 });
  return (x) => {
    const { mean, variance } = tf.moments(x, [1, 2], true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gamma), beta);
  };
}

/** Pads height and width by `pad` pixels, mirrored without repeating the edge, as CycleGAN pads before its convolutions. */
export const reflectionPad = (pad: number): Layer => (x) =>
  tf.mirrorPad(x as tf.Tensor4D, [[0, 0], [pad, pad], [pad, pad], [0, 0]], "reflect");

/** A 3x3 stride-1 convolution after a reflection pad: the same size out, without zeros at the border. */
function conv3x3(p: Params, name: string, channels: [number, number]): Layer {
  return sequential(
    reflectionPad(1),
    conv2d(p, name, channels, { kernel: 3, stride: 1, padding: 0 }, "dcgan"),
  );
}

/** CycleGAN's residual block: x + (pad, conv 3x3, instance norm, ReLU, pad, conv 3x3, instance norm)(x). */
export function residualBlock(p: Params, name: string, channels: number): Layer {
  const body = sequential(
    conv3x3(p, `${name}/conv1`, [channels, channels]),
    instanceNorm(p, `${name}/in1`, channels),
    relu,
    conv3x3(p, `${name}/conv2`, [channels, channels]),
    instanceNorm(p, `${name}/in2`, channels),
  );
  return (x, training) => tf.add(x, body(x, training));
}

/** A U-Net skip: the encoder's features beside the decoder's, along the channels. */
export const skip = (decoder: tf.Tensor, encoder: tf.Tensor): tf.Tensor => tf.concat([decoder, encoder], 3);

/**
 * Pixel shuffle (Shi et al. 2016), SRGAN's upsampling: [n, h, w, c·r²] to
 * [n, h·r, w·r, c], channel (i·r + j)·c + k becoming pixel (i, j) of the r x r
 * block's channel k, as TensorFlow's depth_to_space arranges them.
 */
export const pixelShuffle = (r: number): Layer => (x) => {
  const [n, h, w, depth] = x.shape, c = depth / r / r;
  // Rows first: [n·h, w, r, r·c] → [n·h, r, w, r·c], then each row's blocks side by side.
  const rows = tf.transpose(tf.reshape(x, [n * h, w, r, r * c]), [0, 2, 1, 3]);
  return tf.reshape(rows, [n, h * r, w * r, c]);
};
