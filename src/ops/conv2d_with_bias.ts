/**
 * A convolution plus a bias per output channel, then a leaky ReLU of slope
 * `leakyReluAlpha` where given, as one kernel: tfjs's FusedConv2D, which our
 * wasm kernel runs by adding the bias and rectifying as the GEMM writes its
 * output, not in passes of their own.
 * tf.fused.conv2d runs the same kernel, but its gradient computes every
 * input's derivative, needed or not (an image's; D's filters' in G's step);
 * the gradient registered for FusedConv2D (backend/gradients.ts) computes
 * only those asked for.
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
  if (bias.size !== outC) {
    throw new Error(
      `conv2dWithBias: bias of shape [${bias.shape}] is not one value per output channel (${outC})`,
    );
  }
  const attrs: tf.NamedAttrMap = { strides, pad, dataFormat: "NHWC", dilations: 1, activation: "linear" };
  if (leakyReluAlpha !== undefined) {
    Object.assign(attrs, { activation: "leakyrelu", leakyreluAlpha: leakyReluAlpha });
  }
  return tf.engine().runKernel(tf.FusedConv2D, { x, filter, bias }, attrs) as tf.Tensor4D;
}
