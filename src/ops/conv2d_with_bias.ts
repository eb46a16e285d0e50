/**
 * A convolution plus a bias per output channel, then a leaky ReLU of slope
 * `leakyReluAlpha` where given, as one FusedConv2D: a kernel may apply the
 * bias and the activation as it writes its output. Unlike tf.fused.conv2d's,
 * its gradient (backend/gradients.ts) computes only the derivatives asked for
 * (not the image's, nor a frozen D's filters' in G's update).
 */
import * as tf from "@tensorflow/tfjs-core";

export function conv2dWithBias(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor,
  strides: number,
  pad: number,
  leakyReluAlpha?: number,
): tf.Tensor4D {
  const [, , inC, outC] = filter.shape;
  if (x.rank !== 4 || x.shape[3] !== inC) {
    throw new Error(
      `conv2dWithBias: x of shape [${x.shape}] does not have the filter's ${inC} input channels`,
    );
  }
  // Rank 1 only: the gradient gives the bias that shape.
  if (bias.rank !== 1 || bias.size !== outC) {
    throw new Error(
      `conv2dWithBias: bias of shape [${bias.shape}] is not one value per output channel, shape [${outC}]`,
    );
  }
  const attrs: tf.NamedAttrMap = { strides, pad, dataFormat: "NHWC", dilations: 1, activation: "linear" };
  if (leakyReluAlpha !== undefined) {
    Object.assign(attrs, { activation: "leakyrelu", leakyreluAlpha: leakyReluAlpha });
  }
  return tf.engine().runKernel(tf.FusedConv2D, { x, filter, bias }, attrs) as tf.Tensor4D;
}
