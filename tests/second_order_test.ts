// Second derivatives on wasm: the gradient, with respect to D's weights, of a
// penalty built from the gradient of D's output with respect to its input (as
// WGAN-GP and R1 take it) agrees with the cpu backend's, which runs tfjs's own
// kernels (the gradients, ours among them, are the same on both: ops_test.ts
// checks ours against tfjs's unfused ops), and with finite differences.
import * as tf from "@tensorflow/tfjs-core";
import { assert } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { type DNorm, type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { buildDiscriminator, type Discriminator } from "../src/models/networks.ts";
import { Rng } from "../src/random.ts";
import { gradientPenalty } from "../src/train/penalties.ts";

await initBackend({ threads: 2, log: false });

function critic(arch: "mlp" | "dcgan", dNorm: DNorm): ModelConfig {
  return { ...referenceConfig(arch), width: arch === "mlp" ? 16 : 8, dNorm };
}

/** WGAN-GP's penalty on fixed real, fake and mixing weights for a batch of n. */
function penalty(D: Discriminator, n: number): () => tf.Scalar {
  const rng = Rng.seeded(n);
  const real = tf.tensor(rng.normals(n * 784).map(Math.tanh), [n, 28, 28, 1]);
  const fake = tf.tensor(rng.normals(n * 784).map(Math.tanh), [n, 28, 28, 1]);
  const t = tf.tensor(Array.from({ length: n }, () => rng.float()), [n, 1, 1, 1]);
  return () => gradientPenalty(D, real, fake, t, undefined, 10);
}

/** The penalty's gradient with respect to each of D's weights (zeros where it has none). */
function penaltyGrads(config: ModelConfig, n: number): Map<string, Float32Array> {
  const D = buildDiscriminator(config, Rng.seeded(1));
  const weights = D.params.trainable;
  const { grads } = tf.variableGrads(penalty(D, n), [...weights.values()]);
  const out = new Map<string, Float32Array>();
  for (const [name, v] of weights) {
    out.set(name, (grads[v.name]?.dataSync() ?? new Float32Array(v.size)) as Float32Array);
  }
  tf.dispose([...weights.values(), ...Object.values(grads)]);
  return out;
}

const cases: [string, ModelConfig, number][] = [
  ["mlp", critic("mlp", "batch"), 5],
  ["dcgan with batch norm", critic("dcgan", "batch"), 5],
  ["dcgan with batch norm", critic("dcgan", "batch"), 3],
  ["dcgan with layer norm", critic("dcgan", "layer"), 7],
  ["dcgan without normalisation", critic("dcgan", "none"), 3],
];

for (const [name, config, n] of cases) {
  Deno.test(`second order, ${name}, batch ${n}: wasm's penalty gradients match cpu's`, async () => {
    await tf.setBackend("cpu");
    const want = penaltyGrads(config, n);
    await tf.setBackend("wasm");
    const got = penaltyGrads(config, n);
    const scale = Math.max(...[...want.values()].flatMap((w) => [...w].map(Math.abs)));
    assert(scale > 1e-3, `the penalty's gradient is ${scale}: the test would prove nothing`);
    for (const [weight, w] of want) {
      const g = got.get(weight)!;
      const err = Math.max(...w.map((x, i) => Math.abs(x - g[i])));
      assert(err <= 1e-4 * scale, `${weight}: max error ${err} against a gradient scale of ${scale}`);
    }
  });
}

// Only weights that move no leaky ReLU's kink: batch norm's scale while its
// shift is 0, and the head. A kink crossed makes the difference quotient jump.
Deno.test("second order on wasm matches finite differences through batch norm and the head", async () => {
  await tf.setBackend("wasm");
  const D = buildDiscriminator(critic("dcgan", "batch"), Rng.seeded(4));
  const f = penalty(D, 4);
  const { grads } = tf.variableGrads(f, [...D.params.trainable.values()]);
  for (const [name, index] of [["D/bn2/gamma", 3], ["D/head/kernel", 17]] as const) {
    const v = D.params.trainable.get(name)!;
    const analytic = grads[v.name].dataSync()[index];
    const values = v.dataSync().slice(), h = 1e-3;
    const at = (delta: number) => {
      const moved = values.slice();
      moved[index] += delta;
      v.assign(tf.tensor(moved, v.shape));
      return tf.tidy(() => f().dataSync()[0]);
    };
    const numeric = (at(h) - at(-h)) / (2 * h);
    v.assign(tf.tensor(values, v.shape));
    const err = Math.abs(numeric - analytic);
    assert(Math.abs(analytic) > 1e-3, `${name}[${index}]: the derivative ${analytic} is too small to test`);
    assert(err <= 2e-2 * Math.abs(analytic), `${name}[${index}]: ${analytic} analytic, ${numeric} numeric`);
  }
});
