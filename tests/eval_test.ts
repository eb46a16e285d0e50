// Evaluation: the metrics on cases with known answers (by hand, identical or
// disjoint sets, collapsed generators), the shipped classifiers in models/,
// and deno task eval end to end on a toy run.
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { EVAL, runCli } from "./cli.ts";
import { assert, assertEquals } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { saveCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { loadDataset } from "../src/data/mod.ts";
import { classifierScore } from "../src/eval/classifier_score.ts";
import { loadClassifier } from "../src/models/classifier_store.ts";
import { toClassifierShape } from "../src/eval/classifier_input.ts";
import { classAccuracy, fidPerClass } from "../src/eval/conditional.ts";
import { symmetricEigen } from "../src/eval/eigen.ts";
import { embed, type Embedding } from "../src/eval/embedding.ts";
import { frechetDistance, type Moments, moments } from "../src/eval/frechet.ts";
import { confidentShare, imageMetrics, reference } from "../src/eval/images.ts";
import { klToUniform, modeCoverage } from "../src/eval/modes.ts";
import { precisionRecall } from "../src/eval/precision_recall.ts";
import { accuracy, argmax } from "../src/models/class_predictions.ts";
import { splitAccuracy } from "../src/eval/predictions.ts";
import { requestedClasses, sampleMany } from "../src/eval/sampling.ts";
import { referenceConfig } from "../src/models/config.ts";
import { FEATURES } from "../src/models/classifier.ts";
import { stackedModes } from "../src/eval/stacked.ts";
import { modeMap } from "../src/eval/mode_map.ts";
import { stackDigits, STACKED_MODES } from "../src/data/stacked.ts";
import { columnGap, correlations, tableMetrics } from "../src/eval/tabular.ts";
import { TOY_SAMPLES, toyMetrics } from "../src/eval/toy.ts";
import { TOYS } from "../src/data/toy.ts";
import { withTempDir } from "./temp_dir.ts";
import { Rng } from "../src/random.ts";
import { toCheckpoint } from "../src/train/checkpointing.ts";
import { createGan } from "../src/train/gan.ts";
import { modelConfig } from "../src/train/run_config.ts";
import { config } from "./run_options.ts";
import { INITIAL_STATE } from "../src/train/state.ts";

await initBackend({ threads: 2, log: false });

const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

/** `n` points of a `dim`-dimensional standard normal, shifted by `shift` along every axis. */
function gaussian(n: number, dim: number, shift: number, seed: number): Float32Array {
  return Rng.seeded(seed).normals(n * dim).map((x) => x + shift);
}

function diagonal(values: number[]): Float64Array {
  const n = values.length, out = new Float64Array(n * n);
  values.forEach((v, i) => out[i * n + i] = v);
  return out;
}

// ---- histograms over modes ----

Deno.test("modes: KL to uniform is 0 for a uniform histogram, log K for one bin, finite with empty bins", () => {
  assertEquals(klToUniform([5, 5, 5, 5]), 0);
  assert(close(klToUniform([0, 12, 0, 0]), Math.log(4), 1e-12));
  // p = (3/4, 1/4, 0, 0), u = 1/4: 3/4·ln 3 + 1/4·ln 1 + 0 + 0 = 0.823959
  assert(close(klToUniform([3, 1, 0, 0]), 0.75 * Math.log(3), 1e-12));
  assert(Number.isNaN(klToUniform([0, 0])));
  assertEquals(modeCoverage([2, 2, 0], 4), {
    counts: [1, 0, 2, 0],
    captured: 2,
    kl: klToUniform([1, 0, 2, 0]),
  });
});

// ---- toy mixtures ----

Deno.test("toy: a small 2-D set, computed by hand", () => {
  const modes = [[0, 0], [10, 0]];
  const points = Float32Array.of(
    0.5,
    0, //   0.5 from mode 0: high quality
    0,
    2.9, //   2.9 from mode 0: high quality (≤ 3 std = 3)
    9,
    0, //     1 from mode 1: high quality
    5,
    0, //     5 from either: not
    0,
    -4, //    4 from mode 0: not
  );
  const m = toyMetrics(points, modes, 1);
  assertEquals([m.samples, m.modes, m.captured, m.counts], [5, 2, 2, [2, 1]]);
  assert(close(m.highQuality, 3 / 5, 1e-12));
  // p = (2/3, 1/3), u = 1/2: 2/3·ln(4/3) + 1/3·ln(2/3) = 0.191788 − 0.135155 = 0.056633
  assert(close(m.kl, 0.056633, 1e-6), `${m.kl}`);
});

Deno.test("toy: the real test split captures every mode; a collapsed generator captures one", async () => {
  for (const name of Object.keys(TOYS)) {
    const { test, modes, std } = await loadDataset(name);
    const real = toyMetrics(test.x.subarray(0, 2 * TOY_SAMPLES), modes!, std!);
    assertEquals(real.captured, modes!.length);
    assert(real.highQuality > 0.98, `${name}: ${real.highQuality}`);
    assert(real.kl < 0.02, `${name}: KL ${real.kl}`);

    const rng = Rng.seeded(1), [mx, my] = modes![3];
    const collapsed = Float32Array.from(
      { length: 2 * TOY_SAMPLES },
      (_, i) => (i % 2 ? my : mx) + std! * rng.normal(),
    );
    const m = toyMetrics(collapsed, modes!, std!);
    assertEquals(m.captured, 1);
    assert(close(m.kl, Math.log(modes!.length), 1e-9));
  }
});

// ---- Fréchet distance ----

Deno.test("eigen: V diag(λ) Vᵀ rebuilds a symmetric matrix, V orthonormal", () => {
  const n = 12, rng = Rng.seeded(5), a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  const { values, vectors: v } = symmetricEigen(a, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let rebuilt = 0, dot = 0;
      for (let k = 0; k < n; k++) {
        rebuilt += v[i * n + k] * values[k] * v[j * n + k];
        dot += v[k * n + i] * v[k * n + j];
      }
      assert(close(rebuilt, a[i * n + j], 1e-10) && close(dot, i === j ? 1 : 0, 1e-10));
    }
  }
});

Deno.test("frechet: Gaussians computed by hand", () => {
  const gauss = (mean: number[], cov: Float64Array): Moments => ({
    dim: mean.length,
    mean: Float64Array.from(mean),
    cov,
  });
  // ‖(0,0) − (3,4)‖² + tr diag(1,4) + tr diag(9,1) − 2 tr diag(√9, √4) = 25 + 5 + 10 − 10 = 30
  assert(close(frechetDistance(gauss([0, 0], diagonal([1, 4])), gauss([3, 4], diagonal([9, 1]))), 30, 1e-9));
  // Σ₁ = [[2,1],[1,2]] (eigenvalues 3, 1), Σ₂ = I: 0 + 4 + 2 − 2(√3 + 1) = 4 − 2√3 = 0.535898
  const fid = frechetDistance(gauss([1, 1], Float64Array.of(2, 1, 1, 2)), gauss([1, 1], diagonal([1, 1])));
  assert(close(fid, 4 - 2 * Math.sqrt(3), 1e-9), `${fid}`);
});

Deno.test("frechet: a set against itself is 0, against another draw of its distribution ~0", () => {
  const dim = 16, a = moments(gaussian(4000, dim, 0, 1), 4000, dim);
  assert(Math.abs(frechetDistance(a, a)) < 1e-9);
  // Never below 0, as rounding left a rank-deficient set (few samples, many features) against itself.
  for (let seed = 0; seed < 20; seed++) {
    const few = moments(gaussian(4, 32, 0, seed), 4, 32);
    const self = frechetDistance(few, few);
    assert(self >= 0 && self < 1e-6, `${self}`);
  }
  const b = moments(gaussian(4000, dim, 0, 2), 4000, dim);
  const c = moments(gaussian(4000, dim, 1, 3), 4000, dim);
  // Sampling noise alone: about dim²/n; a unit shift on every axis adds dim.
  assert(frechetDistance(a, b) < 0.2, `${frechetDistance(a, b)}`);
  assert(close(frechetDistance(a, c), dim, 0.5), `${frechetDistance(a, c)}`);
});

// ---- classifier score, precision and recall, class accuracy ----

Deno.test("classifier score: computed by hand", () => {
  assert(close(classifierScore(Float32Array.of(1, 0, 0, 1), 2), 2, 1e-9)); // each KL = ln 2
  assert(close(classifierScore(Float32Array.of(0.5, 0.5, 0.5, 0.5), 2), 1, 1e-9));
  // marginal (½, ½); each KL = 0.8·ln 1.6 + 0.2·ln 0.4 = 0.376003 − 0.183258 = 0.192745; e^0.192745 = 1.212573
  assert(close(classifierScore(Float32Array.of(0.8, 0.2, 0.2, 0.8), 2), 1.212573, 1e-5));
});

Deno.test("confident share: rows whose top class has p > 0.9, computed by hand", () => {
  assertEquals(confidentShare(Float32Array.of(0.95, 0.05, 0.9, 0.1, 0.5, 0.5, 0.02, 0.98), 2), 0.5);
  assertEquals(confidentShare(Float32Array.of(1, 0, 0), 3), 1);
});

Deno.test("precision/recall: computed by hand on a line (k = 1)", async () => {
  // Real (0,0), (1,0), (3,0): radii 1, 1, 2. Fake (0.5,0), (5.5,0): radii 5, 5.
  // Precision: (0.5,0) is 0.5 from (0,0), inside; (5.5,0) is 2.5 from (3,0), outside: 1/2.
  // Recall: every real point is within 5 of (0.5,0): 1.
  const real = Float32Array.of(0, 0, 1, 0, 3, 0), fake = Float32Array.of(0.5, 0, 5.5, 0);
  assertEquals(await precisionRecall(real, fake, 2, 1), { precision: 0.5, recall: 1 });
});

Deno.test("precision/recall: identical sets ≈ 1, disjoint clusters ≈ 0, and no tensor left behind", async () => {
  const dim = 8, real = gaussian(300, dim, 0, 1);
  const tensors = tf.memory().numTensors;
  assertEquals(await precisionRecall(real, real, dim), { precision: 1, recall: 1 });
  assertEquals(tf.memory().numTensors, tensors);
  const same = await precisionRecall(real, gaussian(300, dim, 0, 2), dim);
  assert(same.precision > 0.8 && same.recall > 0.8, JSON.stringify(same));
  assertEquals(await precisionRecall(real, gaussian(300, dim, 100, 3), dim), { precision: 0, recall: 0 });
});

Deno.test("class accuracy: per requested class, computed by hand", () => {
  const { perClass, mean } = classAccuracy(
    Int32Array.of(0, 1, 1, 2, 2, 0),
    Int32Array.of(0, 1, 2, 2, 0, 0),
    3,
  );
  assertEquals(perClass, [2 / 3, 1, 1 / 2]); // class 0: 2 of 3 right; 1: 1 of 1; 2: 1 of 2
  assertEquals(mean, 4 / 6);
});

// ---- the shipped classifiers and the image metrics ----

const mnist = await loadDataset("mnist");
const { classifier: mnistClassifier } = await loadClassifier("mnist");

for (const [data, target, n] of [["mnist", 0.985, 10_000], ["fashion-mnist", 0.9, 1000]] as const) {
  Deno.test(`classifier: the shipped ${data} classifier loads and reaches its stated accuracy`, async () => {
    const { classifier, record } = await loadClassifier(data);
    assert(record.testAccuracy >= target, `stated ${record.testAccuracy}, target ${target}`);
    const dataset = data === "mnist" ? mnist : await loadDataset(data);
    const measured = await splitAccuracy(classifier, dataset.test, n);
    // MNIST's 10,000 are the whole official test split: the same number; Fashion's first 1,000: near it.
    assert(
      close(measured, record.testAccuracy, n === dataset.test.n ? 1e-9 : 0.02),
      `${measured} vs ${record.testAccuracy}`,
    );
  });
}

Deno.test("images: real vs real has ~0 FID and full coverage; a collapsed generator covers one class", async () => {
  const train = await embed(mnistClassifier, mnist.train.x, 2000);
  const ref = reference(train);
  const self = await imageMetrics(train, ref);
  assert(Math.abs(self.fid) < 1e-6, `FID ${self.fid}`);
  assertEquals([self.coverage.captured, self.precision, self.recall], [10, 1, 1]);
  const test = await imageMetrics(await embed(mnistClassifier, mnist.test.x, mnist.test.n), ref);
  assertEquals(test.coverage.captured, 10);
  // Two finite samples of one distribution: the FID's bias alone (about 12 here), no more.
  assert(
    test.fid < 20 && test.score > 9 && test.confident > 0.9 && test.precision > 0.7 && test.recall > 0.7,
    JSON.stringify(test),
  );

  const digit = mnist.test.x.subarray(0, 784);
  const collapsed = Float32Array.from({ length: 500 * 784 }, (_, i) => digit[i % 784]);
  const one = await imageMetrics(await embed(mnistClassifier, collapsed, 500), ref);
  assertEquals(one.coverage.captured, 1);
  assert(close(one.coverage.kl, Math.log(10), 1e-9));
  assert(one.fid > 10 * test.fid && one.recall < 0.01, JSON.stringify(one));
});

Deno.test("classifier input: MNIST at 32x32 RGB, back to 28x28 gray, reads as well as the original", async () => {
  assert(toClassifierShape(mnist.test.x, mnist.test.n, [28, 28, 1]) === mnist.test.x);
  const big = (await loadDataset("mnist", { imageSize: 32, channels: 3 })).test;
  const back = toClassifierShape(big.x, big.n, [32, 32, 3]);
  assertEquals(back.length, mnist.test.x.length);
  let error = 0;
  for (let i = 0; i < back.length; i++) error += Math.abs(back[i] - mnist.test.x[i]);
  assert(error / back.length < 0.1, `mean |difference| ${error / back.length} of a 2-wide range`);
  const read = await splitAccuracy(mnistClassifier, { ...big, x: back });
  assert(read > 0.97, `${read}`);
});

Deno.test("stacked MNIST: the classifier reads real triples' modes; one repeated image covers one mode", async () => {
  const real = stackDigits(mnist.test, 2000, Rng.seeded(1));
  const modes = await stackedModes(real.x, real.n, mnistClassifier);
  // Each digit is read right 99% of the time, so about 97% of triples.
  const read = accuracy(modes, real.labels!);
  assert(read > 0.94, `${read}`);
  // 2,000 draws of 1,000 equally likely modes leave about 1000·e⁻² ≈ 135 unseen.
  const coverage = modeCoverage(modes, STACKED_MODES);
  assert(coverage.captured > 820, `${coverage.captured}`);
  const size = 28 * 28 * 3;
  const repeated = Float32Array.from({ length: 200 * size }, (_, i) => real.x[i % size]);
  const one = modeCoverage(await stackedModes(repeated, 200, mnistClassifier), STACKED_MODES);
  assertEquals(one.captured, 1);
  assert(close(one.kl, Math.log(1000), 1e-9));
});

Deno.test("mode map: an empty mode's cell is red, a mode at twice the uniform share is full blue", () => {
  const counts = Array.from({ length: 1000 }, (_, mode) => (mode === 0 ? 0 : mode === 1 ? 3 : 1));
  const image = modeMap(counts, counts);
  const centre = (cell: number) =>
    Array.from(image.pixels.subarray(((8 + 3) * image.width + 8 + 6 * cell + 3) * 3).slice(0, 3));
  assertEquals(centre(0), [220, 40, 40]);
  assertEquals(centre(1), [20, 50, 150]); // 3 of 1,001 samples is over twice 1/1000: full
  assert(centre(2)[2] > centre(2)[0], "a mode at about the uniform share is a lighter blue");
});

// ---- tables ----

Deno.test("tables: KS and Wasserstein-1 of small samples, computed by hand", () => {
  const f = (values: number[]) => Float64Array.from(values);
  // b is a shifted by 1: the CDFs differ by 1/4 on [0, 4); W1 is the shift.
  assertEquals(columnGap(f([0, 1, 2, 3]), f([1, 2, 3, 4])), { ks: 0.25, wasserstein: 1 });
  // One point at 0 against half at 0, half at 2: CDFs 1 and 1/2 on [0, 2).
  assertEquals(columnGap(f([0]), f([2, 0])), { ks: 0.5, wasserstein: 1 });
  assertEquals(columnGap(f([3, 1, 2]), f([2, 3, 1])), { ks: 0, wasserstein: 0 });
});

Deno.test("tables: correlations of a column with a multiple, its negative and a constant", () => {
  const x = Float32Array.from([1, 2, -1, 5, 2, 4, -2, 5, 3, 6, -3, 5]); // rows (a, 2a, -a, 5)
  const r = correlations(x, 3, 4);
  for (const [p, q, expected] of [[0, 1, 1], [0, 2, -1], [1, 2, -1], [0, 3, 0], [3, 3, 0], [2, 2, 1]]) {
    assert(close(r[p * 4 + q], expected, 1e-12), `r[${p}, ${q}] = ${r[p * 4 + q]}`);
  }
});

Deno.test("tables: a set against itself is 0 everywhere; copies of one training row are far off but 0 from it", async () => {
  const n = 400, d = 3;
  const ref = Rng.seeded(5).normals(n * d);
  for (let r = 0; r < n; r++) ref[r * d + 2] = ref[r * d] + 0.1 * ref[r * d + 1]; // column 2 follows column 0
  const self = await tableMetrics(ref, n, ref, n, d);
  assertEquals([self.ks, self.wasserstein, self.correlationGap, self.dcr], [0, 0, 0, 0]);
  const copies = Float32Array.from({ length: n * d }, (_, i) => ref[i % d]);
  const copied = await tableMetrics(copies, n, ref, n, d);
  assertEquals(copied.dcr, 0); // every sample is a training row: memorised
  assert(copied.ks > 0.4 && copied.wasserstein > 0.3, JSON.stringify(copied.columns));
  // Constant columns correlate 0: the gap is the mean |r| of the data, about (1 + 1 + 0 + ...)/6.
  assert(copied.correlationGap > 0.3, `${copied.correlationGap}`);
});

// ---- sampling ----

Deno.test("sampling: a conditional model's sample i is of requested class i % classes, across batches", () => {
  const classes = 7, n = 1234; // batches of 497: the classes' cycle runs on across them
  const config = { ...referenceConfig("mlp"), latent: 2, shape: [classes], classes };
  // A stand-in generator whose samples are its inputs' one-hot labels, which follow z's 2 values.
  const G = (inputs: Float32Array, count: number) =>
    Float32Array.from(
      { length: count * classes },
      (_, i) => inputs[Math.floor(i / classes) * (2 + classes) + 2 + i % classes],
    );
  const samples = sampleMany(G, config, n, Rng.seeded(0));
  assertEquals(argmax(samples, classes), requestedClasses(n, classes));
});

// ---- deno task eval ----

/** Saves an untrained run on `data` in `dir`. */
async function saveUntrained(dir: string, data: string, shape: number[]) {
  const run = config("--data", data);
  const model = modelConfig(run, shape, 0);
  const rng = Rng.seeded(0), gan = createGan(model, run, rng);
  await saveCheckpoint(
    join(dir, "checkpoint"),
    await toCheckpoint({ run, model }, gan, {}, rng, { ...INITIAL_STATE }),
  );
}

/** Runs deno task eval --json on an untrained run on `data`; returns the report and the files in DIR/eval. */
async function evalUntrained(data: string, shape: number[], flags: string[] = []) {
  const dir = await Deno.makeTempDir({ prefix: "edgegan-eval-test-" });
  try {
    await saveUntrained(dir, data, shape);
    const { code, stdout, stderr } = await runCli(EVAL, "--run", dir, "--json", "--threads", "1", ...flags);
    assertEquals(code, 0, stderr);
    const files = (await Array.fromAsync(Deno.readDir(join(dir, "eval")))).map((e) => e.name).sort();
    return { report: JSON.parse(stdout), files };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("deno task eval: a toy run's JSON report, report files and pictures", async () => {
  const { report, files } = await evalUntrained("ring8", [2]);
  assertEquals([report.kind, report.data, report.samples.samples, report.real.captured], [
    "toy",
    "ring8",
    2500,
    8,
  ]);
  assertEquals(files, ["coverage.png", "report.json", "report.txt", "scatter.png"]);
});

Deno.test("deno task eval: a shipped model's folder is a run too", async () => {
  await withTempDir(async (dir) => {
    // A copy, so the test writes no eval/ into the repository's models/.
    for (const file of ["config.json", "model.safetensors", "optimizer.safetensors"]) {
      await Deno.copyFile(new URL(`../models/mlp-ring8/${file}`, import.meta.url), join(dir, file));
    }
    const { code, stdout, stderr } = await runCli(EVAL, "--run", dir, "--json", "--threads", "1");
    assertEquals(code, 0, stderr);
    const report = JSON.parse(stdout);
    assertEquals([report.kind, report.data, report.samples.captured], ["toy", "ring8", 8]);
  });
});

Deno.test("deno task eval: a Stacked MNIST run's modes beside the test split's", async () => {
  const { report, files } = await evalUntrained("stacked-mnist", [28, 28, 3], ["--samples", "2000"]);
  assertEquals([report.kind, report.data, report.samples.images, report.real.images], [
    "stacked",
    "stacked-mnist",
    2000,
    2000,
  ]);
  assert(report.real.captured > 820 && report.modeAccuracy > 0.94, JSON.stringify(report.real.captured));
  // An untrained generator's samples are near-identical blurs: far fewer modes than real data.
  assert(report.samples.captured < report.real.captured / 2, `${report.samples.captured}`);
  assertEquals(files, ["coverage.png", "neighbours.png", "report.json", "report.txt"]);
});

Deno.test("deno task eval: a CSV run's table metrics beside the test split's, and its marginals", async () => {
  await withTempDir(async (dir) => {
    const rng = Rng.seeded(6);
    const rows = Array.from({ length: 500 }, () => {
      const a = rng.normal();
      return `${(10 + 2 * a).toFixed(4)},${(a + 0.3 * rng.normal()).toFixed(4)}`;
    });
    const csv = join(dir, "pairs.csv");
    await Deno.writeTextFile(csv, ["a,b", ...rows].join("\n") + "\n");
    const { report, files } = await evalUntrained(csv, [2]);
    assertEquals([report.kind, report.columns, report.samples.rows, report.real.rows], [
      "table",
      ["a", "b"],
      50,
      50,
    ]);
    // 50 held-out rows of the same distribution: small gaps; an untrained generator's: larger.
    assert(report.real.ks < 0.25 && report.real.correlationGap < 0.1, JSON.stringify(report.real));
    assert(report.samples.wasserstein > report.real.wasserstein, JSON.stringify(report.samples));
    assertEquals(files, ["marginals.png", "report.json", "report.txt"]);
    // More samples than test rows would be measured beside fewer real ones: refused, naming the flag.
    const run = join(dir, "run");
    await saveUntrained(run, csv, [2]);
    const { code, stderr } = await runCli(EVAL, "--run", run, "--samples", "51");
    assertEquals(code, 2, stderr);
    assert(stderr.includes("--samples is at most 50 for "), stderr);
  });
});

Deno.test("eval: no --run, or a folder without a checkpoint, exits 2 with one line naming --run", async () => {
  await withTempDir(async (empty) => {
    const cases: [string[], string][] = [
      [[], "--run"],
      [["--run", empty], `--run ${empty}: `],
    ];
    for (const [args, words] of cases) {
      const { code, stderr } = await runCli(EVAL, ...args);
      assertEquals(code, 2, stderr);
      assert(stderr.includes(words) && !stderr.includes("    at "), stderr);
    }
  });
});

Deno.test("FID per class: each class's rows against the reference's; a class with under 2 rows there is n/a", () => {
  const rng = Rng.seeded(4);
  const embedding = (n: number): Embedding => ({
    n,
    features: Float32Array.from(rng.normals(n * FEATURES)),
    probs: new Float32Array(n * 3),
    classes: 3,
  });
  const set = embedding(6), ref = embedding(6);
  const labels = Int32Array.from([0, 1, 2, 0, 1, 2]);
  // The reference's labels run past its rows, as the training split's past the digits embedded: class 2 is
  // only there, so it has no reference rows.
  const refLabels = [0, 1, 0, 1, 0, 1, 2, 2, 2];
  const fids = fidPerClass(set, labels, ref, refLabels, 3);
  assert(fids[0] > 0 && fids[1] > 0, `${fids}`);
  assert(Number.isNaN(fids[2]), `class 2 has no reference rows: ${fids[2]}`);
  assertEquals(fidPerClass(set, labels, set, labels, 3).map((f) => Math.abs(f) < 1e-3), [true, true, true]);
});
