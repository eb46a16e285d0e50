/**
 * InfoGAN's mutual-information term (Chen et al. 2016): minus the
 * variational lower bound on I(c; G(z, c)), up to a constant, which both G and
 * D's Q head minimise. A categorical code adds the cross-entropy of Q's logits
 * against the code; a continuous one the negative log likelihood of a
 * unit-variance Gaussian at Q's mean, ½(c − μ)², as the paper's released code
 * fixes that variance for MNIST.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Codes } from "../models/codes.ts";

/** The weights λ of the term's categorical and continuous parts. */
export interface InfoWeights {
  categorical: number;
  continuous: number;
}

/** The paper's weights: λ = 1 for both kinds of code, as its released MNIST code sets them. */
export const INFO_WEIGHTS: InfoWeights = { categorical: 1, continuous: 1 };

/** The term for code vectors `codes` [n, codeWidth] and Q's output `inferred` of the same shape. */
export function infoLoss(
  spec: Codes,
  codes: tf.Tensor,
  inferred: tf.Tensor,
  weights: InfoWeights,
): tf.Scalar {
  const terms: tf.Scalar[] = [];
  let column = 0;
  for (const size of spec.categorical) {
    const part = (t: tf.Tensor) => tf.slice(t, [0, column], [-1, size]);
    const crossEntropy = tf.losses.softmaxCrossEntropy(part(codes), part(inferred)) as tf.Scalar;
    terms.push(tf.mul(weights.categorical, crossEntropy));
    column += size;
  }
  if (spec.continuous > 0) {
    const part = (t: tf.Tensor) => tf.slice(t, [0, column], [-1, spec.continuous]);
    const squares = tf.sum(tf.square(tf.sub(part(codes), part(inferred))), 1);
    terms.push(tf.mul(weights.continuous, tf.mul(0.5, tf.mean(squares))));
  }
  return tf.addN(terms) as tf.Scalar;
}
