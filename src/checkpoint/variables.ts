/** tfjs variables to and from a checkpoint's plain tensors, by name. */
import * as tf from "@tensorflow/tfjs-core";
import type { Tensors } from "./tensors.ts";

/** The variables' values, read asynchronously so that GPU backends work too. */
export async function readVariables(variables: Map<string, tf.Variable>): Promise<Tensors> {
  const out: Tensors = {};
  for (const [name, v] of variables) out[name] = { shape: v.shape, data: Float32Array.from(await v.data()) };
  return out;
}

/** Sets each variable to the saved tensor named `prefix + name`; a missing or misshapen one is an error. */
export function assignVariables(variables: Map<string, tf.Variable>, saved: Tensors, prefix = ""): void {
  for (const [name, v] of variables) {
    const tensor = saved[prefix + name];
    if (!tensor) throw new Error(`the checkpoint has no ${prefix + name}`);
    if (tensor.shape.join() !== v.shape.join()) {
      throw new Error(`${prefix + name} is [${tensor.shape}] in the checkpoint, [${v.shape}] in the model`);
    }
    tf.tidy(() => v.assign(tf.tensor(tensor.data, tensor.shape)));
  }
}

/**
 * Sets a network just built, whose `variables` nothing else holds yet, to the
 * saved tensors; if they do not fit, frees its variables before the error.
 */
export function assignNewVariables(variables: Map<string, tf.Variable>, saved: Tensors): void {
  try {
    assignVariables(variables, saved);
  } catch (e) {
    tf.dispose([...variables.values()]);
    throw e;
  }
}
