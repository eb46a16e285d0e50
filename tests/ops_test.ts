// Our kernels (src/backend/kernel_names.ts), fused on wasm and composite on
// cpu, agree with tfjs's own ops, values and gradients.
import * as tf from "@tensorflow/tfjs-core";
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import {
  BATCH_NORM,
  LEAKY_RELU_GRAD,
  MAXOUT,
  MAXOUT_GRAD,
  SUM_OF_SQUARES,
  TANH_GRAD,
} from "../src/backend/kernel_names.ts";
import { batchNormTraining } from "../src/ops/batch_norm.ts";
import { conv2dWithBias } from "../src/ops/conv2d_with_bias.ts";
import { gaussianNoise } from "../src/ops/gaussian_noise.ts";
import { profileKernels } from "../src/backend/kernel_profile.ts";
import { maxout } from "../src/ops/maxout.ts";
import { sumOfSquares } from "../src/ops/sum_of_squares.ts";
import { Rng } from "../src/random.ts";

await initBackend({ threads: 2, log: false });

function close(got: tf.Tensor, want: tf.Tensor, what: string) {
  assertEquals(got.shape, want.shape, what);
  const g = got.dataSync(), w = want.dataSync();
  let err = 0, scale = 1;
  for (let i = 0; i < w.length; i++) {
    err = Math.max(err, Math.abs(g[i] - w[i]));
    scale = Math.max(scale, Math.abs(w[i]));
  }
  assert(err <= 1e-4 * scale, `${what}: max error ${err}`);
}

/** tfjs's own training-mode batch norm: moments + batchNorm, differentiated by tfjs. */
function referenceBatchNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  onStats: (t: tf.Tensor[]) => void,
) {
  const { mean, variance } = tf.moments(x, x.shape.map((_, i) => i).slice(0, -1));
  onStats([mean, variance]);
  return tf.batchNorm(x, mean, variance, beta, gamma, 1e-5);
}

// [3, 5, 5, 3]: a channel count that the wasm kernel's C code does not take, so it runs the composite.
for (const shape of [[8, 7, 7, 128], [64, 12], [3, 5, 5, 4], [3, 5, 5, 3]]) {
  Deno.test(`batchNormTraining ${shape}: our kernels match tfjs moments + batchNorm`, async () => {
    const rng = Rng.seeded(3);
    const c = shape[shape.length - 1];
    const data = rng.normals(shape.reduce((a, b) => a * b)).map((v, i) => 2 * v + (i % c));
    const gammaData = rng.normals(c), betaData = rng.normals(c), dyData = rng.normals(data.length);
    const run = async (backend: string, ours: boolean) => {
      await tf.setBackend(backend);
      const x = tf.tensor(data, shape), gamma = tf.tensor1d(gammaData), beta = tf.tensor1d(betaData);
      const dy = tf.tensor(dyData, shape);
      let stats: tf.Tensor[] = [];
      const keep = (t: tf.Tensor[]) => stats = t.map((s) => tf.keep(s.clone()));
      const f = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) =>
        ours
          ? batchNormTraining(x, gamma as tf.Tensor1D, beta as tf.Tensor1D, 1e-5, (m, v) => keep([m, v]))
          : referenceBatchNorm(x, gamma, beta, keep);
      const y = f(x, gamma, beta);
      const grads = tf.grads(f)([x, gamma, beta], dy);
      return [y, ...stats, ...grads];
    };
    const want = await run("cpu", false);
    for (const backend of ["cpu", "wasm"]) {
      assert(tf.getKernel(BATCH_NORM, backend), `${BATCH_NORM} is registered on ${backend}`);
      const got = await run(backend, true);
      ["y", "mean", "variance", "dx", "dgamma", "dbeta"].forEach((name, i) =>
        close(got[i], want[i], `${backend} ${name}`)
      );
    }
  });
}

Deno.test("leakyRelu: our gradient kernel matches the gradient of max(x, αx)", async () => {
  const data = Rng.seeded(5).normals(2 * 7 * 7 * 12), dyData = Rng.seeded(6).normals(data.length);
  const run = async (backend: string, f: (x: tf.Tensor) => tf.Tensor) => {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [2, 7, 7, 12]), dy = tf.tensor(dyData, x.shape);
    return [f(x), tf.grad(f)(x, dy)];
  };
  const want = await run("cpu", (x) => tf.maximum(x, tf.mul(x, 0.2)));
  for (const backend of ["cpu", "wasm"]) {
    assert(tf.getKernel(LEAKY_RELU_GRAD, backend), `${LEAKY_RELU_GRAD} is registered on ${backend}`);
    const got = await run(backend, (x) => tf.leakyRelu(x, 0.2));
    close(got[0], want[0], `${backend} y`);
    close(got[1], want[1], `${backend} dx`);
  }
});

Deno.test("relu: its gradient, now our leaky ReLU gradient kernel with α = 0, is dy where x > 0", async () => {
  // Zeros included: tfjs's step gives 0 there, and so must we.
  const data = Rng.seeded(9).normals(3 * 5 * 7).map((v, i) => i % 6 === 0 ? 0 : v);
  const dyData = Rng.seeded(10).normals(data.length);
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [3, 5, 7]), dy = tf.tensor(dyData, x.shape);
    const want = tf.tensor(dyData.map((d, i) => data[i] > 0 ? d : 0), x.shape);
    close(tf.grad((x) => tf.relu(x))(x, dy), want, `${backend} dx`);
  }
});

Deno.test("tanh: our kernels match Math.tanh and the exact gradients, to the second derivative", async () => {
  // Tiny, moderate and saturating inputs of both signs, around the C kernel's switch at |x| = 0.3,
  // and a length that leaves a tail after the 4-wide loop.
  const data = Float32Array.from([
    0,
    -0,
    1e-30,
    -1e-7,
    3e-4,
    0.1,
    -0.2999,
    0.3,
    0.3001,
    -0.5,
    1,
    -2.5,
    5,
    -9,
    20,
    -100,
    1e4,
    ...Rng.seeded(11).normals(40).map((v) => 3 * v),
  ]);
  const dyData = Rng.seeded(12).normals(data.length), wData = Rng.seeded(13).normals(data.length);
  await tf.setBackend("wasm");
  assert(tf.getKernel(TANH_GRAD, "wasm"), `${TANH_GRAD} is registered on wasm`);
  const y = tf.tanh(tf.tensor(data)).dataSync();
  data.forEach((v, i) => {
    const want = Math.tanh(v), err = Math.abs(y[i] - want);
    assert(
      err <= 2e-7 * Math.max(Math.abs(want), 1e-30) || err <= 1e-37,
      `tanh(${v}) = ${y[i]}, not ${want}`,
    );
  });
  // dx = w·(1 − t²)·dy with t = tanh(x·w), and the penalty's gradient 2·dx·∂dx/∂w.
  const exact = Array.from(data, (x, i) => {
    const w = wData[i], dy = dyData[i], t = Math.tanh(x * w), s = 1 - t * t;
    const dx = w * s * dy;
    return { dydx: (1 - Math.tanh(x) ** 2) * dy, penalty: 2 * dx * dy * (s - 2 * w * x * t * s) };
  });
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const x = tf.tensor(data), dy = tf.tensor(dyData), w = tf.tensor(wData);
    close(tf.grad((x) => tf.tanh(x))(x, dy), tf.tensor(exact.map((e) => e.dydx)), `${backend} dx`);
    // A penalty on the input gradient, differentiated with respect to a weight before the tanh.
    const dx = (w: tf.Tensor) => tf.grad((x) => tf.sum(tf.mul(tf.tanh(tf.mul(x, w)), dy)))(x);
    const penalty = tf.grad((w) => tf.sum(tf.square(dx(w))))(w);
    close(penalty, tf.tensor(exact.map((e) => e.penalty)), `${backend} d|dx|²/dw`);
  }
});

Deno.test("softplus: our kernel matches log(1 + eˣ) in double precision, both tails included", async () => {
  const data = Float32Array.from([
    0,
    1e-8,
    -1e-8,
    0.5,
    -0.5,
    5,
    -5,
    20,
    -20,
    -88,
    -100,
    1e4,
    -1e4,
    ...Rng.seeded(14).normals(41).map((v) => 3 * v), // 54 values: a SIMD tail
  ]);
  await tf.setBackend("wasm");
  const y = tf.softplus(tf.tensor(data)).dataSync();
  data.forEach((v, i) => {
    const want = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))), err = Math.abs(y[i] - want);
    // Below -87 the kernel floors eˣ at e^-87 (1.6e-38), where float32 leaves its normal range.
    const ok = v < -87 ? y[i] > 0 && y[i] <= 1.7e-38 : err <= 3e-7 * want;
    assert(ok, `softplus(${v}) = ${y[i]}, not ${want}`);
  });
});

Deno.test("maxout: our kernels match tf.max over each unit's pieces, to the second derivative", async () => {
  const [rows, inputs, units, pieces] = [7, 4, 5, 3];
  const rng = Rng.seeded(8);
  const xData = rng.normals(rows * inputs), wData = rng.normals(inputs * units * pieces);
  const vData = rng.normals(units * 2);
  const run = async (backend: string, f: (h: tf.Tensor) => tf.Tensor) => {
    await tf.setBackend(backend);
    const x = tf.tensor(xData, [rows, inputs]), w = tf.tensor(wData, [inputs, units * pieces]);
    const v = tf.tensor(vData, [units, 2]);
    // Weights after the maxout (v), as D has, make its gradient's dy depend on them.
    const out = (x: tf.Tensor, w: tf.Tensor, v: tf.Tensor) =>
      tf.sum(tf.square(tf.matMul(f(tf.matMul(x, w)), v)));
    const dx = (w: tf.Tensor, v: tf.Tensor) => tf.grad((x) => out(x, w, v))(x);
    // A penalty on the input gradient, as WGAN-GP's, differentiated with respect to the weights.
    const [dw, dv] = tf.grads((w, v) => tf.sum(tf.square(dx(w, v))))([w, v]);
    return [f(tf.matMul(x, w)), dx(w, v), dw, dv];
  };
  // tfjs's max has no second derivative (Equal has no gradient): the reference selects each unit's
  // largest piece with a mask fixed from the forward values, exact where no two pieces tie.
  await tf.setBackend("cpu");
  const h = tf.matMul(tf.tensor(xData, [rows, inputs]), tf.tensor(wData, [inputs, units * pieces]));
  const largest = tf.oneHot(tf.argMax(tf.reshape(h, [rows, units, pieces]), 2), pieces).dataSync();
  const want = await run("cpu", (h) => {
    const mask = tf.tensor(largest, [rows, units, pieces], "float32");
    return tf.sum(tf.mul(tf.reshape(h, [rows, units, pieces]), mask), 2);
  });
  for (const backend of ["cpu", "wasm"]) {
    for (const kernel of [MAXOUT, MAXOUT_GRAD]) {
      assert(tf.getKernel(kernel, backend), `${kernel} is registered on ${backend}`);
    }
    const got = await run(backend, (h) => maxout(h, pieces));
    ["y", "dx", "d|dx|²/dw", "d|dx|²/dv"].forEach((name, i) => close(got[i], want[i], `${backend} ${name}`));
  }
  assertThrows(() => maxout(tf.zeros([2, 7]), 3), Error, "not a whole number of runs of 3 pieces");
});

Deno.test("sum over leading axes (bias gradients) matches, other sums still work", async () => {
  const data = Rng.seeded(7).normals(3 * 5 * 6 * 10);
  const sums = async (backend: string) => {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [3, 5, 6, 10]);
    return [tf.sum(x, [0, 1, 2]), tf.sum(x, [2, 0, 1], true), tf.sum(x, [1, 3]), tf.sum(x)];
  };
  const want = await sums("cpu"), got = await sums("wasm");
  want.forEach((w, i) => {
    assertEquals(got[i].shape, w.shape);
    close(got[i], w, `sum ${i}`);
  });
});

Deno.test("conv2dWithBias: values and gradients match conv2d + add (+ leakyRelu), to the second derivative; x's gradient only when asked", () => {
  const rng = Rng.seeded(5);
  const x = tf.tensor(rng.normals(3 * 9 * 9 * 4), [3, 9, 9, 4]) as tf.Tensor4D;
  const w = tf.tensor(rng.normals(4 * 4 * 4 * 6), [4, 4, 4, 6]) as tf.Tensor4D;
  const b = tf.tensor(rng.normals(6), [6]);
  const target = tf.tensor(rng.normals(3 * 4 * 4 * 6), [3, 4, 4, 6]);
  // A loss that is not linear in the output, so that every gradient depends on the bias too.
  const loss = (y: tf.Tensor) => tf.sum(tf.square(tf.sub(y, target)));
  for (const alpha of [undefined, 0.2]) {
    const rectified = (y: tf.Tensor) => alpha === undefined ? y : tf.leakyRelu(y, alpha);
    const ours = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      loss(conv2dWithBias(x as tf.Tensor4D, w as tf.Tensor4D, b, 2, 1, alpha));
    const theirs = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
      loss(rectified(tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 1), b)));
    const value = conv2dWithBias(x, w, b, 2, 1, alpha);
    close(value, rectified(tf.add(tf.conv2d(x, w, 2, 1), b)), `value, alpha ${alpha}`);
    const got = tf.grads(ours)([x, w, b]), want = tf.grads(theirs)([x, w, b]);
    ["x", "filter", "bias"].forEach((name, i) => close(got[i], want[i], `d${name}, alpha ${alpha}`));
    // A penalty on x's gradient, as WGAN-GP's, differentiated with respect to the weights.
    const penalty = (f: typeof ours) => (w: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.grad((x: tf.Tensor) => f(x, w, b))(x)));
    const got2 = tf.grads(penalty(ours))([w, b]), want2 = tf.grads(penalty(theirs))([w, b]);
    ["filter", "bias"].forEach((name, i) => close(got2[i], want2[i], `d|dx|²/d${name}, alpha ${alpha}`));
  }
  const ours = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
    loss(conv2dWithBias(x as tf.Tensor4D, w as tf.Tensor4D, b, 2, 1));

  const profile = profileKernels("wasm");
  tf.grads((w: tf.Tensor, b: tf.Tensor) => ours(x, w, b))([w, b]);
  profile.stop();
  assert(profile.stats.has("Conv2DBackpropFilter"), "the filter's gradient ran");
  assert(!profile.stats.has("Conv2DBackpropInput"), "x's gradient ran though nothing asked for it");
  for (const shape of [[5], [1, 1, 1, 6]]) {
    assertThrows(
      () => conv2dWithBias(x, w, tf.zeros(shape), 2, 1),
      Error,
      "one value per output channel, shape [6]",
    );
  }
});

Deno.test("sumOfSquares: matches tf.sum(tf.square(x)) over the leading axes, to the second derivative", async () => {
  const data = Rng.seeded(9).normals(3 * 7 * 11); // 11 channels: a SIMD tail
  const weights = Rng.seeded(10).normals(11);
  const run = async (backend: string, f: (x: tf.Tensor) => tf.Tensor) => {
    await tf.setBackend(backend);
    const x = tf.tensor(data, [3, 7, 11]), w = tf.tensor(weights);
    // A loss not linear in the sums, and a penalty on its gradient, as weight norm's ‖v‖ takes them.
    const loss = (x: tf.Tensor) => tf.sum(tf.mul(tf.rsqrt(f(x)), w));
    const dx = tf.grad(loss)(x);
    return [f(x), dx, tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.grad(loss)(x))))(x)];
  };
  const want = await run("cpu", (x) => tf.sum(tf.square(x), [0, 1]));
  for (const backend of ["cpu", "wasm"]) {
    assert(tf.getKernel(SUM_OF_SQUARES, backend), `${SUM_OF_SQUARES} is registered on ${backend}`);
    const got = await run(backend, sumOfSquares);
    ["y", "dx", "d|dx|²/dx"].forEach((name, i) => close(got[i], want[i], `${backend} ${name}`));
  }
});

Deno.test("gaussianNoise: wasm draws what the composite draws; standard normal; seeded; dx = dy", async () => {
  const n = 100_003; // not a multiple of the kernel's 8 normals a step
  const values = Rng.seeded(1).normals(n), x = tf.tensor(values);
  const draw = async (backend: string) => {
    await tf.setBackend(backend);
    const y = gaussianNoise(tf.tensor(values), 0.5, Rng.seeded(9));
    return Float32Array.from(y.dataSync(), (v, i) => (v - values[i]) / 0.5);
  };
  const cpu = await draw("cpu"), wasm = await draw("wasm");
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(wasm[i] - cpu[i]));
  assert(err < 1e-5, `wasm and composite differ by ${err}`);

  const mean = wasm.reduce((s, v) => s + v, 0) / n;
  const variance = wasm.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const withinOne = wasm.filter((v) => Math.abs(v) < 1).length / n;
  assert(Math.abs(mean) < 0.01 && Math.abs(variance - 1) < 0.02, `mean ${mean}, variance ${variance}`);
  assert(Math.abs(withinOne - 0.6827) < 0.006, `${withinOne} within one std, against 0.6827`);

  const rng = Rng.seeded(9);
  const again = gaussianNoise(x, 0.5, rng).dataSync(), next = gaussianNoise(x, 0.5, rng).dataSync();
  assertEquals(
    Array.from(again.slice(0, 99)),
    Array.from(gaussianNoise(x, 0.5, Rng.seeded(9)).dataSync().slice(0, 99)),
  );
  assert(again.some((v, i) => v !== next[i]), "a second call drew the same noise");

  const w = tf.tensor(Rng.seeded(2).normals(n));
  const dx = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(gaussianNoise(x, 0.5, Rng.seeded(3)), w)))(x);
  close(dx, w, "dx");
});

Deno.test("matMul: a batch that broadcasts as a whole is each batch's product; both ways is refused", () => {
  const ramp = (shape: number[]) =>
    tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => i % 7 - 3), shape);
  /** a · b by the definition, a's batch broadcast over b's or b's over a's. */
  const reference = (a: tf.Tensor, b: tf.Tensor) => {
    const [x, y] = [a.arraySync() as number[][][], b.arraySync() as number[][][]];
    const batch = Math.max(x.length, y.length);
    return tf.tensor(Array.from({ length: batch }, (_, i) => {
      const [p, q] = [x[x.length === 1 ? 0 : i], y[y.length === 1 ? 0 : i]];
      return p.map((row) => q[0].map((_, j) => row.reduce((sum, v, k) => sum + v * q[k][j], 0)));
    }));
  };
  for (const [sa, sb] of [[[3, 2, 4], [1, 4, 5]], [[1, 2, 4], [3, 4, 5]], [[3, 2, 4], [3, 4, 5]]]) {
    const [a, b] = [ramp(sa), ramp(sb)];
    close(tf.matMul(a, b), reference(a, b), `${sa} · ${sb}`);
  }
  assertThrows(
    () => tf.matMul(ramp([2, 1, 3, 4]), ramp([1, 2, 4, 5])),
    /batch shapes \[2,1\] and \[1,2\] broadcast both ways/,
  );
});
