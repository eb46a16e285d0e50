// pix2pix, SRGAN and CycleGAN: the edge detector, the paired and unpaired
// loaders, the low-resolution pairs, the networks' shapes, the losses and
// updates on a tiny batch, the history of fakes, PSNR and SSIM, and deno
// task train/eval end to end.
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { withTempDir } from "./temp_dir.ts";
import { EVAL, runCli, TRAIN } from "./cli.ts";
import { loadCheckpoint } from "../src/checkpoint/checkpoint.ts";
import { initBackend } from "../src/backend/select.ts";
import { loadPaired } from "../src/data/paired.ts";
import { sobelEdges } from "../src/image/edges.ts";
import { resize } from "../src/image/resize.ts";
import { loadLowResolution } from "../src/data/low_resolution.ts";
import { psnr, ssim } from "../src/eval/fidelity.ts";
import { loadUnpaired } from "../src/data/unpaired.ts";
import { History } from "../src/train/history.ts";
import { cycleGeneratorLoss } from "../src/train/cycle_iteration.ts";
import { encodePng } from "../src/image/png.ts";
import { buildPatchDiscriminator, buildTranslator } from "../src/models/translation_networks.ts";
import type { TranslationModel } from "../src/models/translation_config.ts";
import { Rng } from "../src/random.ts";
import { Adam } from "../src/train/adam.ts";
import { contentLoss, generatorLoss, translationIteration } from "../src/train/translation_iteration.ts";
import { TRANSLATION_OPTIONS, translationRun } from "../src/train/translation_config.ts";
import { parseOptions } from "../src/options/options.ts";

await initBackend({ threads: 2, log: false });

Deno.test("the edge detector marks a square's outline, not its inside or the background", () => {
  const side = 12, image = new Float32Array(side * side).fill(-1);
  for (let y = 3; y < 9; y++) for (let x = 3; x < 9; x++) image[y * side + x] = 1;
  const edges = sobelEdges(image, 1, side);
  const at = (y: number, x: number) => edges[y * side + x];
  assertEquals([at(3, 5), at(8, 5), at(5, 3), at(5, 8), at(2, 5)], [1, 1, 1, 1, 1]); // both sides of the step
  assertEquals([at(5, 5), at(0, 0), at(11, 11), at(5, 0)], [-1, -1, -1, -1]);
});

/** A folder of paired gray PNGs: `names` in A/ and B/, each of `side` px unless `sizes` says otherwise. */
async function pairedFolder(
  dir: string,
  names: { A: string[]; B: string[] },
  side = 8,
  sizes: Record<string, number> = {},
) {
  for (const folder of ["A", "B"] as const) {
    await Deno.mkdir(join(dir, folder), { recursive: true });
    for (const [i, name] of names[folder].entries()) {
      const s = sizes[`${folder}/${name}`] ?? side;
      const pixels = Uint8Array.from(
        { length: s * s },
        (_, p) => (p * 7 + i * 31 + (folder === "B" ? 100 : 0)) % 256,
      );
      await Deno.writeFile(join(dir, folder, name), encodePng({ width: s, height: s, channels: 1, pixels }));
    }
  }
}

const NAMES = Array.from({ length: 10 }, (_, i) => `img${i}.png`);

Deno.test("a paired folder: pairs stay pairs, the last 10% by name are the test split", async () => {
  await withTempDir(async (dir) => {
    await pairedFolder(dir, { A: NAMES, B: NAMES });
    const data = await loadPaired(dir, 3);
    assertEquals([data.train.n, data.test.n, data.shapeA, data.shapeB], [9, 1, [8, 8, 1], [8, 8, 1]]);
    // img9 is the test pair; each B pixel is its A pixel + 100 (mod 256), so pairs are recognisable.
    const byte = (v: number) => Math.round((v + 1) * 127.5);
    assertEquals(byte(data.test.b[1]), (byte(data.test.a[1]) + 100) % 256);
    for (let i = 0; i < data.train.n; i++) {
      assertEquals(byte(data.train.b[i * 64 + 5]), (byte(data.train.a[i * 64 + 5]) + 100) % 256);
    }
  });
});

Deno.test("a paired folder: mismatched names, wrong sizes and sides the networks cannot take are named", async () => {
  const cases: [{ A: string[]; B: string[] }, number, Record<string, number>, RegExp][] = [
    [
      { A: NAMES, B: [...NAMES.slice(1), "other.png"] },
      8,
      {},
      /only in A\/: img0\.png; only in B\/: other\.png/,
    ],
    [{ A: NAMES, B: NAMES }, 8, { "B/img4.png": 12 }, /B\/img4\.png is 12x12: every image must be 8x8/],
    [{ A: NAMES, B: NAMES }, 10, {}, /the side must be a multiple of 4 and 8 at least/],
    [{ A: NAMES, B: NAMES }, 4, {}, /the side must be a multiple of 4 and 8 at least/],
    [{ A: ["one.png"], B: ["one.png"] }, 8, {}, /needs 2 \.png images at least/],
  ];
  for (const [names, side, sizes, message] of cases) {
    await withTempDir(async (dir) => {
      await pairedFolder(dir, names, side, sizes);
      await assertRejects(() => loadPaired(dir), message);
    });
  }
  await assertRejects(
    () => loadPaired("no-such-folder"),
    /expected edges2fashion or a folder holding A\/ and B\//,
  );
});

const MODEL: TranslationModel = { arch: "pix2pix", input: [8, 8, 1], output: [8, 8, 3], width: 4 };

Deno.test("the U-Net maps inputs to outputs of the target's shape; the PatchGAN gives a logit per patch", () => {
  const G = buildTranslator(MODEL, Rng.seeded(1)), D = buildPatchDiscriminator(MODEL, Rng.seeded(2));
  const a = tf.randomUniform([3, 8, 8, 1], -1, 1);
  const fake = G.apply(a, true);
  assertEquals(fake.shape, [3, 8, 8, 3]);
  assertEquals(D.apply(a, fake, true).shape, [3, 2, 2, 1]);
});

/** The run config of `deno task train --model pix2pix ARGS`, from its options as parsed. */
const runConfig = (options: Record<string, unknown>) =>
  translationRun(parseOptions(TRANSLATION_OPTIONS, { model: "pix2pix", ...options }));

Deno.test("pix2pix's G loss: λ·mean |G(a) − b| plus the non-saturating term", () => {
  const fake = tf.tensor([0.5, -0.5, 0, 1]), target = tf.tensor([0, 0, 0, 0]);
  const logits = tf.tensor([0, Math.log(3)]); // D(G(a)) = 1/2 and 3/4
  const l1 = contentLoss(runConfig({}))(fake, target);
  assert(Math.abs(l1.dataSync()[0] - 50) < 1e-4, "λ = 100 by default");
  const adversarial = -(Math.log(1 / 2) + Math.log(3 / 4)) / 2;
  const got = generatorLoss(l1, 1, logits).dataSync()[0];
  assert(Math.abs(got - (50 + adversarial)) < 1e-4, `${got}`);
  const mse = contentLoss(runConfig({ content: "mse", "content-weight": 2 }))(fake, target).dataSync()[0];
  assert(Math.abs(mse - 2 * (0.25 + 0.25 + 1) / 4) < 1e-6, `${mse}`);
});

Deno.test("a pix2pix iteration trains both networks, and the L1-only baseline fits a fixed batch", async () => {
  const rng = Rng.seeded(4);
  const batch = {
    a: tf.randomUniform([4, 8, 8, 1], -1, 1, "float32", 5),
    b: tf.randomUniform([4, 8, 8, 3], -1, 1, "float32", 6),
  };
  const G = buildTranslator(MODEL, rng), D = buildPatchDiscriminator(MODEL, rng);
  const adam = { lr: 2e-3, beta1: 0.5, beta2: 0.999 };
  const gan = { G, D, optG: new Adam(G.params.trainable, adam), optD: new Adam(D.params.trainable, adam) };
  const before = [G, D].map((net) => net.params.trainable.values().next().value!.dataSync().slice());
  const stats = await translationIteration(gan, batch, contentLoss(runConfig({})), 1);
  assert(stats.dReal > 0 && stats.dReal < 1 && stats.dFake > 0 && stats.dFake < 1, JSON.stringify(stats));
  [G, D].forEach((net, i) => {
    const after = net.params.trainable.values().next().value!.dataSync();
    assert(after.some((v, k) => v !== before[i][k]), `${i ? "D" : "G"} did not change`);
  });
  const G1 = buildTranslator(MODEL, Rng.seeded(7));
  const l1Only = { G: G1, optG: new Adam(G1.params.trainable, adam) };
  const l1 = contentLoss(runConfig({ "content-weight": 1 }));
  const first = await translationIteration(l1Only, batch, l1, 1);
  let last = first;
  for (let i = 0; i < 30; i++) last = await translationIteration(l1Only, batch, l1, 1);
  assertEquals([first.lossD, first.dReal], [0, 0]);
  assert(last.lossG < 0.9 * first.lossG, `L1 ${first.lossG} → ${last.lossG}`);
});

Deno.test("train --model pix2pix on a paired folder, resume it, evaluate it; GAN flags are refused", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "pairs"), out = join(dir, "run");
    await pairedFolder(data, { A: NAMES, B: NAMES });
    const tiny = ["--data", data, "--batch", "3", "--width", "4", "--threads", "2"];
    const first = await runCli(TRAIN, "--model", "pix2pix", ...tiny, "--iterations", "2", "--out", out);
    assertEquals(first.code, 0, first.stderr);
    assert(first.stderr.includes(`training pix2pix on ${data}`), first.stderr);
    const resumed = await runCli(TRAIN, "--resume", out, "--iterations", "4");
    assertEquals(resumed.code, 0, resumed.stderr);
    assert(resumed.stderr.includes("done: 4 iterations"), resumed.stderr);
    const evaluated = await runCli(EVAL, "--run", out, "--json");
    assertEquals(evaluated.code, 0, evaluated.stderr);
    const report = JSON.parse(evaluated.stdout);
    assertEquals([report.kind, report.iterations, report.pairs], ["translation", 4, 1]);
    assertEquals(Object.keys(report.rows), ["outputs", "real"]);
    assert(report.rows.outputs.l1 > 0 && report.rows.outputs.ssim < 1, JSON.stringify(report.rows));
    assertEquals(report.rows.real, {}); // no classifier for a folder's targets, and no distance from themselves
    const refused = await runCli(TRAIN, "--model", "pix2pix", "--loss", "hinge");
    assertEquals(refused.code, 2);
    assert(refused.stderr.includes("unknown flag --loss"), refused.stderr);
    const help = await runCli(TRAIN, "--model", "pix2pix", "--help");
    assert(
      help.stdout.includes("--[no-]adversarial") && help.stdout.includes("--content-weight"),
      help.stdout,
    );
  });
});

Deno.test("SRGAN's pairs: each image beside its 4x smaller copy, the labels kept", async () => {
  const data = await loadLowResolution("mnist", 4);
  assertEquals([data.shapeA, data.shapeB, data.test.n, data.from], [
    [7, 7, 1],
    [28, 28, 1],
    10_000,
    "mnist 7x7",
  ]);
  // Each small pixel is a weighted mean of its 4x4 block and the blocks beside it: a blurred copy.
  const big = data.test.b.subarray(0, 784), small = data.test.a.subarray(0, 49);
  const block = (y: number, x: number) => {
    let sum = 0;
    for (let dy = 0; dy < 4; dy++) for (let dx = 0; dx < 4; dx++) sum += big[(4 * y + dy) * 28 + 4 * x + dx];
    return sum / 16;
  };
  let error = 0;
  for (let y = 0; y < 7; y++) for (let x = 0; x < 7; x++) error += Math.abs(small[y * 7 + x] - block(y, x));
  assert(error / 49 < 0.15, `mean distance from the block means ${error / 49}`);
  assertEquals(data.test.labels!.length, 10_000);
});

Deno.test("SRGAN's generator upsamples 4x; the features content term compares the feature maps given", () => {
  const model: TranslationModel = { arch: "srgan", input: [7, 7, 1], output: [28, 28, 1], width: 4 };
  const G = buildTranslator(model, Rng.seeded(1)), D = buildPatchDiscriminator(model, Rng.seeded(2));
  const small = tf.randomUniform([2, 7, 7, 1], -1, 1), fake = G.apply(small, true);
  assertEquals(fake.shape, [2, 28, 28, 1]);
  assertEquals(D.apply(small, fake, true).shape, [2, 7, 7, 1]); // the output alone: no input beside it
  // A feature map that keeps only the mean of each image: the content term sees nothing else.
  const means = (x: tf.Tensor) => tf.mean(x, [1, 2, 3]);
  const content = contentLoss(runConfig({ model: "srgan" }), means);
  const a = tf.tensor4d([1, -1, -1, 1], [1, 2, 2, 1]), b = tf.tensor4d([0, 0, 0, 0], [1, 2, 2, 1]);
  assertEquals(content(a, b).dataSync()[0], 0);
  assertEquals(contentLoss(runConfig({ model: "srgan", content: "mse" }))(a, b).dataSync()[0], 1);
});

Deno.test("PSNR and SSIM: exact copies score 100 dB and 1, a uniform offset as its formula, noise below 1", () => {
  const n = 2, shape = [12, 12, 1], size = 144;
  const x = Float32Array.from({ length: n * size }, (_, i) => Math.sin(i * 0.37));
  assertEquals([psnr(x, x, n), ssim(x, x, n, shape)], [100, 1]);
  // Off by 0.2 in [-1, 1], 0.1 in [0, 1]: PSNR = 10·log10(1 / 0.01) = 20 dB.
  const offset = x.map((v) => v + 0.2);
  assert(Math.abs(psnr(offset, x, n) - 20) < 1e-4, `${psnr(offset, x, n)}`);
  const noisy = x.map((v, i) => v + 0.5 * Math.sin(i * 12.9898));
  const s = ssim(noisy, x, n, shape);
  assert(s > 0 && s < 0.9 && s < ssim(offset, x, n, shape), `${s}`);
});

Deno.test("bicubic resizing keeps a constant and reproduces a linear ramp inside the image", () => {
  const flat = resize(new Float32Array(49).fill(0.3), 7, 7, 1, 28, 28, "bicubic");
  assert(flat.every((v) => Math.abs(v - 0.3) < 1e-6), "constant");
  const ramp = resize(Float32Array.from({ length: 49 }, (_, i) => i % 7), 7, 7, 1, 28, 28, "bicubic");
  // Output pixel x sits at input coordinate (x + 0.5) / 4 - 0.5.
  for (const x of [10, 13, 16]) {
    assert(Math.abs(ramp[14 * 28 + x] - ((x + 0.5) / 4 - 0.5)) < 1e-5, `${x}: ${ramp[14 * 28 + x]}`);
  }
});

Deno.test("train --model srgan on MNIST with the classifier's features, then its eval beside bicubic", async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, "run");
    const trained = await runCli(
      TRAIN,
      "--model",
      "srgan",
      "--width",
      "4",
      "--batch",
      "8",
      "--iterations",
      "2",
      "--out",
      out,
    );
    assertEquals(trained.code, 0, trained.stderr);
    assert(trained.stderr.includes("training srgan on mnist"), trained.stderr);
    const evaluated = await runCli(EVAL, "--run", out, "--json", "--samples", "50");
    assertEquals(evaluated.code, 0, evaluated.stderr);
    const { rows, from, to } = JSON.parse(evaluated.stdout);
    assertEquals([from, to, Object.keys(rows)], ["mnist 7x7", "mnist", ["outputs", "bicubic", "real"]]);
    // Bicubic upsampling of the shrunk digits is far closer than an untrained G; the classifier reads real ones.
    assert(rows.bicubic.psnr > rows.outputs.psnr && rows.real.accuracy > 0.9, JSON.stringify(rows));
    const refused = await runCli(TRAIN, "--model", "srgan", "--data", "ring8");
    assertEquals(refused.code, 2);
    assert(refused.stderr.includes("--data ring8: unknown data"), refused.stderr);
  });
});

Deno.test("unpaired domains: two classes by index or name, or a folder; bad classes and sizes are named", async () => {
  const shoes = await loadUnpaired("fashion-mnist", "sneaker,Ankle-Boot");
  assertEquals([shoes.from, shoes.to, shoes.classes], ["Sneaker", "Ankle boot", {
    data: "fashion-mnist",
    a: 7,
    b: 9,
  }]);
  assertEquals([shoes.a.train.n, shoes.b.test.n], [6000, 1000]);
  assert(shoes.a.train.labels!.every((c) => c === 7) && shoes.b.test.labels!.every((c) => c === 9));
  await assertRejects(() => loadUnpaired("fashion-mnist", "7"), /give two classes/);
  await assertRejects(() => loadUnpaired("fashion-mnist", "7,hat"), /no class "hat"/);
  await assertRejects(() => loadUnpaired("mnist", "3,3"), /must differ/);
  await withTempDir(async (dir) => {
    await pairedFolder(dir, { A: NAMES, B: ["x.png", "y.png", "z.png"] });
    const folder = await loadUnpaired(dir, "");
    assertEquals([folder.a.train.n, folder.a.test.n, folder.b.train.n, folder.b.test.n], [9, 1, 2, 1]);
  });
  await withTempDir(async (dir) => {
    await pairedFolder(dir, { A: NAMES, B: NAMES }, 8, { "B/img2.png": 12 });
    await assertRejects(() => loadUnpaired(dir, ""), /B\/img2\.png is 12x12: every image must be 8x8/);
  });
});

Deno.test("the history of fakes: filled first, then each new image used or swapped for an old one, seeded", async () => {
  const history = new History(3, [2]);
  const rng = Rng.seeded(5);
  assertEquals([...await history.draw(Float32Array.from([1, 1, 2, 2]), rng)], [1, 1, 2, 2]);
  assertEquals([...await history.draw(Float32Array.from([3, 3, 4, 4, 5, 5, 6, 6]), rng)].slice(0, 2), [3, 3]);
  assertEquals(history.count.dataSync()[0], 3);
  // Once full, every image out is either the new one or one that went in before, and the buffer keeps 3.
  const out = await history.draw(Float32Array.from([7, 7, 8, 8, 9, 9, 10, 10]), rng);
  for (let i = 0; i < 4; i++) assert([i + 7, 1, 2, 3, 4, 5, 6].includes(out[2 * i]), `${out}`);
  assert(out.some((v, i) => v !== [7, 7, 8, 8, 9, 9, 10, 10][i]), "some are swapped for older ones");
  const again = new History(3, [2]), rng2 = Rng.seeded(5);
  for (const fakes of [[1, 1, 2, 2], [3, 3, 4, 4, 5, 5, 6, 6]]) {
    await again.draw(Float32Array.from(fakes), rng2);
  }
  assertEquals([...await again.draw(Float32Array.from([7, 7, 8, 8, 9, 9, 10, 10]), rng2)], [...out]);
});

Deno.test("CycleGAN's G loss: least squares against each D, λ on the cycle, λ·λ_id on identity", () => {
  const model: TranslationModel = { arch: "cyclegan", input: [8, 8, 1], output: [8, 8, 1], width: 2 };
  const rng = Rng.seeded(3);
  const nets = {
    G: buildTranslator(model, rng, "G"),
    F: buildTranslator(model, rng, "F"),
    DA: buildPatchDiscriminator(model, rng, "DA"),
    DB: buildPatchDiscriminator(model, rng, "DB"),
  };
  const a = tf.randomUniform([2, 8, 8, 1], -1, 1, "float32", 1),
    b = tf.randomUniform([2, 8, 8, 1], -1, 1, "float32", 2);
  const l1 = (x: tf.Tensor, y: tf.Tensor) => tf.mean(tf.abs(tf.sub(x, y))).dataSync()[0];
  const ls = (x: tf.Tensor) => tf.mean(tf.square(tf.sub(x, 1))).dataSync()[0]; // the paper's, not halved
  const [fb, fa] = [nets.G.apply(a, true), nets.F.apply(b, true)];
  const adversarial = ls(nets.DB.apply(a, fb, true)) + ls(nets.DA.apply(b, fa, true));
  const cycle = l1(nets.F.apply(fb, true), a) + l1(nets.G.apply(fa, true), b);
  const identity = l1(nets.G.apply(b, true), b) + l1(nets.F.apply(a, true), a);
  const net = { ...nets, optG: undefined!, optD: undefined! };
  const got = cycleGeneratorLoss(net, a, b, { cycle: 10, identity: 0.5 }).dataSync()[0];
  assert(Math.abs(got - (adversarial + 10 * cycle + 5 * identity)) < 1e-3, `${got}`);
  const noIdentity = cycleGeneratorLoss(net, a, b, { cycle: 10, identity: 0 }).dataSync()[0];
  assert(Math.abs(noIdentity - (adversarial + 10 * cycle)) < 1e-3, `${noIdentity}`);
});

Deno.test("train --model cyclegan on two folders: resumed, it ends where a straight run does; its eval", async () => {
  await withTempDir(async (dir) => {
    const data = join(dir, "domains"), [straight, halves] = [join(dir, "straight"), join(dir, "halves")];
    await pairedFolder(data, { A: NAMES, B: NAMES.slice(0, 6) });
    const tiny = ["--data", data, "--batch", "2", "--width", "2", "--threads", "2", "--history", "3"];
    for (const [out, iterations] of [[straight, "4"], [halves, "2"]]) {
      const trained = await runCli(
        TRAIN,
        "--model",
        "cyclegan",
        ...tiny,
        "--iterations",
        iterations,
        "--out",
        out,
      );
      assertEquals(trained.code, 0, trained.stderr);
    }
    const resumed = await runCli(TRAIN, "--resume", halves, "--iterations", "4");
    assert(resumed.stderr.includes("done: 4 iterations"), resumed.stderr);
    // Every weight, Adam moment and the history of fakes: 2 + 2 iterations are 4.
    const [a, b] = await Promise.all(
      [straight, halves].map((out) => loadCheckpoint(join(out, "checkpoint"))),
    );
    assert(Object.keys(a.weights).some((name) => name.startsWith("history/")), "the history is saved");
    for (const part of ["weights", "optimizer"] as const) {
      assertEquals(Object.keys(b[part]).sort(), Object.keys(a[part]).sort());
      for (const [name, t] of Object.entries(a[part])) assertEquals(b[part][name].data, t.data, name);
    }
    const evaluated = await runCli(EVAL, "--run", halves, "--json");
    assertEquals(evaluated.code, 0, evaluated.stderr);
    const { kind, forward, backward } = JSON.parse(evaluated.stdout);
    assertEquals([kind, forward.images, backward.images, forward.readAsTarget], ["cycle", 1, 1, null]);
    assert(forward.cycleL1 > 0 && backward.cycleL1 > 0, JSON.stringify({ forward, backward }));
  });
});

Deno.test("train --model cyclegan: other models' flags, and --domains where there are no classes, are refused", async () => {
  for (const [flag, value] of [["--content", "mse"], ["--no-adversarial", ""]]) {
    const refused = await runCli(TRAIN, "--model", "cyclegan", flag, ...(value ? [value] : []));
    assertEquals(refused.code, 2);
    assert(refused.stderr.includes(flag) && refused.stderr.includes("not cyclegan"), refused.stderr);
  }
  const cases: [string[], string][] = [
    [["--model", "pix2pix", "--domains", "1,2"], "--domains applies to --model cyclegan only"],
    [
      ["--model", "cyclegan", "--data", "tests", "--domains", "1,2"],
      "--domains picks two classes of mnist or",
    ],
    [["--model", "cyclegan", "--domains", "7,hat"], '--domains: no class "hat"'],
    [["--model", "cyclegan", "--domains", "7"], "--domains 7: give two classes"],
  ];
  for (const [args, words] of cases) {
    const refused = await runCli(TRAIN, ...args);
    assertEquals(refused.code, 2, refused.stderr);
    assert(refused.stderr.includes(words), refused.stderr);
  }
});
