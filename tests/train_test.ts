// The training loop on tiny runs: defaults, losses, learning, checkpoints,
// exact resume, the NaN guard and what a run writes.
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "./assert.ts";
import { initBackend } from "../src/backend/select.ts";
import { loadCheckpoint } from "../src/checkpoint/checkpoint.ts";
import type { Tensors } from "../src/checkpoint/tensors.ts";
import { decodePng } from "../src/image/png.ts";
import { referenceConfig } from "../src/models/config.ts";
import { maxout } from "../src/models/layers.ts";
import { buildDiscriminator, buildGenerator } from "../src/models/networks.ts";
import { Params } from "../src/models/params.ts";
import { Rng } from "../src/random.ts";
import { Checkpointer, ganCheckpointer } from "../src/train/checkpointing.ts";
import { checkWeights, TrainingDiverged } from "../src/train/guard.ts";
import { GAN_LOSSES, LOSSES } from "../src/train/losses.ts";
import { type EpochMeasures, type MetricsLine, MetricsLog } from "../src/train/metrics.ts";
import { modelConfig } from "../src/train/run_config.ts";
import { epochsBegun } from "../src/train/run_length.ts";
import { readRunRecord } from "../src/train/run_record.ts";
import { config, configError, flagError, resumed, resumedAfter } from "./run_options.ts";
import { closeRun, openRun } from "../src/train/setup.ts";
import { ganUpdate } from "../src/train/updates.ts";
import { runLoop } from "../src/train/loop.ts";
import { INITIAL_STATE, type LoopState } from "../src/train/state.ts";
import { train } from "../src/train/trainer.ts";
import { withTempDir } from "./temp_dir.ts";

await initBackend({ threads: 2, log: false });

/** Small enough that a few dozen iterations take a fraction of a second. */
const TINY = ["--data", "ring8", "--width", "16", "--batch", "32"];

async function metrics(out: string): Promise<MetricsLine[]> {
  const text = await Deno.readTextFile(join(out, "metrics.jsonl"));
  return text.trim().split("\n").map((line) => JSON.parse(line));
}

/** The numbers of the metrics that must repeat exactly: all but the clock's. */
const losses = (lines: MetricsLine[]) =>
  lines.map(({ iteration, epoch, lossD, lossG, dReal, dFake }) => ({
    iteration,
    epoch,
    lossD,
    lossG,
    dReal,
    dFake,
  }));

function sameTensors(a: Tensors, b: Tensors): void {
  assertEquals(Object.keys(a).sort(), Object.keys(b).sort());
  for (const name of Object.keys(a)) assertEquals(a[name], b[name], name);
}

/** Two gaussian blobs in units far from z-scores, 200 rows. */
async function writeTable(path: string): Promise<void> {
  const rng = Rng.seeded(3);
  const rows = Array.from({ length: 200 }, (_, i) => {
    const x = (i % 2 ? 3 : -3) + 0.3 * rng.normal();
    return `${(x * 10 + 100).toFixed(3)},${(x + rng.normal()).toFixed(3)}`;
  });
  await Deno.writeTextFile(path, ["height,offset", ...rows].join("\n") + "\n");
}

Deno.test("run config: no flags is the image recipe on MNIST: a half-width DCGAN, EMA, lazy R1, a faster lr, projection on the labels", () => {
  const run = config();
  assertEquals([run.model, run.data, run.loss, run.batch, run.lr, run.beta1, run.beta2], [
    "dcgan",
    "mnist",
    "nonsaturating",
    64,
    2e-3,
    0.5,
    0.999,
  ]);
  assertEquals(modelConfig(run, [28, 28, 1], 10), {
    ...referenceConfig("dcgan"),
    width: 32,
    classes: 10,
    conditioning: "projection",
  });
  assertEquals([run.minutes, run.epochs, run.ema, run.r1, run.r1Every], [9, 15, 0.999, 1, 16]);
  const reference = config("--width", "64", "--ema", "0", "--r1", "0", "--lr", "0.0002", "--no-conditional");
  assertEquals([modelConfig(reference, [28, 28, 1], 10), reference.ema, reference.r1, reference.lr], [
    referenceConfig("dcgan"),
    0,
    0,
    2e-4,
  ]);
  // Toys keep the reference optimizer and no penalty; wgan-gp keeps its paper's settings.
  assertEquals([config("--data", "ring8").lr, config("--data", "ring8").r1], [2e-4, 0]);
  assertEquals([config("--loss", "wgan-gp").lr, config("--loss", "wgan-gp").r1], [1e-4, 0]);
  // G shares D's learning rate unless given its own.
  assertEquals([config().lrG, config("--lr", "2e-4", "--lr-g", "1e-3").lrG], [null, 1e-3]);
  // A length given by the user is not cut short by the default budget.
  assertEquals([config("--epochs", "3").minutes, config("--iterations", "10").minutes], [null, null]);
  assertEquals(config("--epochs", "3", "--minutes", "2").minutes, 2);
});

Deno.test("run config: toys and tables default to a small MLP; impossible combinations name the flag", () => {
  for (const data of ["ring8", "grid25", "table.csv"]) {
    const run = config("--data", data);
    assertEquals([run.model, run.latent, run.depth, run.ema], ["mlp", 8, 2, 0.999]);
  }
  assert(flagError(() => config("--data", "ring8", "--model", "dcgan")).includes("--model dcgan"));
  assert(flagError(() => config("--batch", "30", "--pack", "4")).includes("--pack 4"));
  // A toy is known to have no labels before it is loaded; a table or folder only once it is.
  const unlabelled = "--conditional needs labelled data; ";
  assert(configError("--data", "ring8", "--conditional").includes(`${unlabelled}ring8 has no classes`));
  const table = config("--data", "table.csv", "--conditional");
  assert(flagError(() => modelConfig(table, [2], 0)).includes(`${unlabelled}table.csv has no classes`));
});

Deno.test("run config: --model pacgan takes PacGAN's settings: 100 packs a batch, lr 1e-4, beta1 0.8, 2-D noise", () => {
  const run = config("--data", "grid25", "--model", "pacgan", "--pack", "3");
  assertEquals([run.batch, run.lr, run.beta1, run.latent, run.width, run.depth, run.ema], [
    300,
    1e-4,
    0.8,
    2,
    400,
    4,
    0,
  ]);
  assertEquals(config("--data", "ring8", "--model", "pacgan", "--batch", "60").batch, 60);
  assert(flagError(() => config("--model", "pacgan")).includes("--model pacgan is for points"));
  const sized = flagError(() => config("--data", "ring8", "--model", "pacgan", "--width", "64"));
  assert(sized.includes("--model pacgan has its paper's sizes: it takes no --width"), sized);
});

Deno.test("run config: a flag that would be ignored is refused, naming it", () => {
  const refusals: [string[], string][] = [
    [
      ["--data", "ring8", "--model", "pacgan", "--depth", "2"],
      "--depth counts the hidden layers of --model mlp",
    ],
    [["--depth", "2"], "--depth counts the hidden layers of --model mlp; dcgan has its own"],
    [["--semi-supervised", "--width", "64"], "--model ssgan has its paper's sizes: it takes no --width"],
    [["--data", "ring8", "--channels", "3"], "--channels and --image-size shape images; ring8 holds none"],
    [["--data", "grid25", "--image-size", "28"], "--channels and --image-size shape images"], // given, if the default
    [["--data", "ring8", "--loss", "wgan-gp", "--pack", "2"], "--loss wgan-gp takes no --pack"],
    [
      ["--feature-matching", "--conditional", "projection"],
      "--feature-matching cannot go with --conditional projection",
    ],
    [["--lr", "0"], "--lr must be a number > 0"], // a run that would train nothing
    // Rng.seeded takes 32 bits: 2^32 would be seed 0's run again.
    [["--seed", "4294967296"], "--seed must be an integer between 0 and 4294967295"],
  ];
  for (const [args, words] of refusals) {
    const error = configError(...args);
    assert(error.includes(words), error);
  }
  assertEquals(config("--data", "ring8", "--depth", "3").depth, 3);
  // Feature matching keeps to Salimans et al.'s unconditional G unless asked for labels ACGAN's way.
  assertEquals(config("--feature-matching").conditional, "none");
  assertEquals(config("--feature-matching", "--conditional", "acgan").conditional, "acgan");
});

Deno.test("maxout: each unit is the largest of its pieces' affine outputs", () => {
  const params = new Params("M", Rng.seeded(1));
  const layer = maxout(params, "m", 3, 4, 5, "default");
  const x = tf.randomNormal([6, 3], 0, 1, "float32", 2);
  const w = params.trainable.get("M/m/kernel")!, b = params.trainable.get("M/m/bias")!;
  const affine = tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b).arraySync() as number[][];
  const byHand = affine.map((row) =>
    Array.from({ length: 4 }, (_, u) => Math.max(...row.slice(5 * u, 5 * u + 5)))
  );
  const got = layer(x, true).arraySync() as number[][];
  got.flat().forEach((v, i) =>
    assert(Math.abs(v - byHand.flat()[i]) < 1e-5, `${v} against ${byHand.flat()[i]}`)
  );
});

Deno.test("pacgan networks: G's 5 linear layers give points; D judges packs through 3 maxout layers of 200", () => {
  const c = modelConfig(config("--data", "ring8", "--model", "pacgan", "--pack", "2"), [2], 0);
  const rng = Rng.seeded(1), G = buildGenerator(c, rng), D = buildDiscriminator(c, rng);
  assertEquals([...G.params.trainable.keys()].filter((k) => k.endsWith("kernel")).length, 5);
  assertEquals(D.params.trainable.get("D/maxout1/kernel")!.shape, [4, 1000]);
  const x = G.apply(tf.randomNormal([6, 2]), undefined, true);
  assertEquals(x.shape, [6, 2]);
  const features = D.features(x, undefined, true);
  assertEquals([features.shape, D.head(features, undefined).shape], [[3, 200], [3, 1]]);
});

Deno.test("run config: a resumed run keeps its settings; only length (not a decaying one's epochs) and checkpointing may change", () => {
  const saved = config("--data", "ring8", "--lr", "0.001", "--epochs", "3", "--iterations", "40");
  assertEquals(resumed(saved, "--resume", "runs/x", "--checkpoint-every", "5"), {
    ...saved,
    iterations: null,
    checkpointEvery: 5,
  });
  assertEquals(resumed(saved, "--resume", "runs/x", "--epochs", "9").epochs, 9);
  // A new length ends a default time budget, as it does for a new run, unless --minutes is given too.
  const budgeted = config("--data", "ring8");
  assertEquals(budgeted.minutes, 9);
  assertEquals(resumed(budgeted, "--resume", "runs/x").minutes, 9);
  assertEquals(resumed(budgeted, "--resume", "runs/x", "--epochs", "30").minutes, null);
  assertEquals(resumed(budgeted, "--resume", "runs/x", "--iterations", "30").minutes, null);
  assertEquals(resumed(budgeted, "--resume", "runs/x", "--epochs", "30", "--minutes", "20").minutes, 20);
  for (const args of [["--lr", "0.1"], ["--ema", "0.9"], ["--feature-matching"]]) {
    const message = flagError(() => resumed(saved, "--resume", "runs/x", ...args));
    assert(message.includes(`${args[0]} cannot be given with a resumed run`), message);
  }
  // A decay counts back from the last epoch: once it has begun, a new length would move it mid-run.
  const decaying = config("--data", "ring8", "--epochs", "10", "--decay-epochs", "4");
  assertEquals(resumedAfter(6, decaying, "--resume", "runs/x", "--epochs", "20").epochs, 20); // before it
  assertEquals(resumedAfter(7, decaying, "--resume", "runs/x", "--epochs", "10").epochs, 10);
  // A saved state counts the epoch under way as begun: 6 epochs done and part of the 7th is in the decay.
  const state = { iterations: 61, epoch: 6, rng: Rng.seeded(0).state };
  assertEquals(
    [epochsBegun({ ...state, epochIterations: 0 }), epochsBegun({ ...state, epochIterations: 1 })],
    [6, 7],
  );
  for (const epochs of ["20", "8"]) { // the decay under way; one that would have begun at epoch 4
    const message = flagError(() => resumedAfter(7, decaying, "--resume", "runs/x", "--epochs", epochs));
    const expected = "--epochs cannot change on this run now: its learning rates decay over the last 4";
    assert(message.includes(expected), message);
  }
});

Deno.test("losses: every objective is finite and rewards D for telling real from fake, G for fooling D", () => {
  const confident = tf.tensor1d([3, 2, 4]), fooled = tf.tensor1d([-3, -2, -4]);
  const value = (t: tf.Scalar) => t.dataSync()[0];
  for (const name of LOSSES) {
    const loss = GAN_LOSSES[name];
    const right = value(loss.discriminator(confident, fooled, 1));
    const wrong = value(loss.discriminator(fooled, confident, 1));
    assert(Number.isFinite(right) && Number.isFinite(wrong), name);
    assert(right < wrong, `${name}: D loss ${right} when right, ${wrong} when wrong`);
    const fooling = value(loss.generator(confident)), caught = value(loss.generator(fooled));
    assert(fooling < caught, `${name}: G loss ${fooling} when fooling D, ${caught} when caught`);
  }
  // One-sided label smoothing: a D sure of the real samples pays for it; the fakes' target stays 0.
  const smoothed = value(GAN_LOSSES.nonsaturating.discriminator(tf.tensor1d([8]), tf.tensor1d([-8]), 0.9));
  const softplus = (x: number) => Math.log1p(Math.exp(x)); // −log σ(−x)
  const want = 0.9 * softplus(-8) + 0.1 * softplus(8) + softplus(-8);
  assert(Math.abs(smoothed - want) < 1e-5, `smoothed loss ${smoothed}, not ${want}`);
});

Deno.test("train: a few dozen ring8 iterations teach D to tell real from fake, for every loss", async () => {
  for (const loss of LOSSES) {
    await withTempDir(async (out) => {
      // WGAN-GP's toy setting: a penalty weight of 0.1, as the paper's code has it for 2-D data.
      const penalty = loss === "wgan-gp" ? ["--gp-weight", "0.1"] : [];
      await train(config(...TINY, "--loss", loss, ...penalty, "--iterations", "40", "--lr", "0.002"), {
        out,
        log: false,
      });
      const lines = await metrics(out);
      assertEquals(lines.map((l) => l.iteration), [10, 20, 30, 40]);
      const first = lines[0], last = lines.at(-1)!;
      assert(lines.every((l) => [l.lossD, l.lossG, l.dReal, l.dFake].every(Number.isFinite)), loss);
      assert(last.lossD < first.lossD, `${loss}: D loss ${first.lossD} → ${last.lossD}`);
      // A Wasserstein critic's outputs are no probabilities: its loss, E D(G(z)) − E D(x) + penalty, is the
      // negated distance estimate, below 0 once it tells the two apart.
      if (loss === "wgan-gp") assert(last.lossD < 0, `${loss}: D loss ${last.lossD}`);
      else assert(last.dReal > last.dFake, `${loss}: D(x) ${last.dReal}, D(G(z)) ${last.dFake}`);
    });
  }
});

Deno.test("train: the same seed repeats the losses exactly, another seed does not", async () => {
  const run = async (seed: string) => {
    let lines: MetricsLine[] = [];
    await withTempDir(async (out) => {
      await train(config(...TINY, "--iterations", "20", "--seed", seed), { out, log: false });
      lines = await metrics(out);
    });
    return losses(lines);
  };
  const [a, b, c] = [await run("0"), await run("0"), await run("1")];
  assertEquals(a, b);
  assert(JSON.stringify(a) !== JSON.stringify(c), "seed 1 gave the losses of seed 0");
});

Deno.test("checkpoint: save then load restores G (raw and EMA), D, Adam and the Rng exactly", async () => {
  await withTempDir(async (dir) => {
    const run = config(...TINY, "--ema", "0.9");
    const a = await openRun(run, join(dir, "a"));
    for (let i = 0; i < 3; i++) {
      const z = tf.tensor2d(a.rng.normals(32 * 8), [32, 8]);
      await ganUpdate(a.gan, { real: tf.randomNormal([32, 2]), z });
      a.ema!.update(a.gan.G, i + 1);
    }
    const state = { iterations: 3, epoch: 0, epochIterations: 3, orderSeed: 7, elapsed: 1.5 };
    await ganCheckpointer(join(dir, "a", "checkpoint"), a).save(state);
    const saved = await loadCheckpoint(join(dir, "a", "checkpoint"));
    // Another seed, so every restored value must come from the checkpoint.
    const b = await openRun({ ...run, seed: 99 }, join(dir, "b"), saved);

    const z = tf.tensor2d(Rng.seeded(5).normals(16 * 8), [16, 8]);
    const outputs = (s: typeof a) =>
      [s.gan.G, s.ema!.net].map((G) => Array.from(G.apply(z, undefined, false).dataSync()));
    assertEquals(outputs(b), outputs(a));
    assert(JSON.stringify(outputs(a)[0]) !== JSON.stringify(outputs(a)[1]), "the EMA differs from G");
    const judge = (s: typeof a) =>
      Array.from(
        s.gan.D.head(s.gan.D.features(tf.slice(z, [0, 0], [16, 2]), undefined, false), undefined).dataSync(),
      );
    assertEquals(judge(b), judge(a));
    assertEquals([b.gan.optG.updates, b.gan.optD.updates], [3, 3]);
    for (const [name, v] of a.gan.optG.moments()) {
      assertEquals(Array.from(b.gan.optG.moments().get(name)!.dataSync()), Array.from(v.dataSync()), name);
    }
    assertEquals(b.state, state);
    assertEquals(b.rng.normals(4), a.rng.normals(4));
    closeRun(a);
    closeRun(b);
  });
});

Deno.test("checkpoint: one saved before the counts were renamed resumes as saved", async () => {
  await withTempDir(async (dir) => {
    const run = config(...TINY, "--iterations", "3", "--d-updates", "2");
    const a = await openRun(run, join(dir, "a"));
    await ganUpdate(a.gan, { real: tf.randomNormal([32, 2]), z: tf.randomNormal([32, 8]) });
    const state = { iterations: 3, epoch: 0, epochIterations: 3, orderSeed: 7, elapsed: 1.5 };
    const checkpoint = join(dir, "a", "checkpoint");
    await ganCheckpointer(checkpoint, a).save(state);
    // Rewritten with the old names: step, iteration and adamSteps; steps and dSteps in the run's record.
    const file = join(checkpoint, "config.json");
    const saved = JSON.parse(await Deno.readTextFile(file));
    const { iterations, epochIterations, adamUpdates, ...rest } = saved.state;
    saved.state = { ...rest, step: iterations, iteration: epochIterations, adamSteps: adamUpdates };
    const { iterations: steps, dUpdates, ...oldRun } = saved.config.run;
    saved.config.run = { ...oldRun, steps, dSteps: dUpdates };
    await Deno.writeTextFile(file, JSON.stringify(saved));

    const old = await loadCheckpoint(checkpoint);
    assertEquals([old.state.iterations, "step" in old.state], [3, false]);
    const record = readRunRecord(old.config, checkpoint);
    assertEquals([record.run.dUpdates, record.run.iterations], [2, null]);
    const b = await openRun(record.run, join(dir, "b"), old);
    assertEquals(b.state, state);
    assertEquals([b.gan.optG.updates, b.gan.optD.updates], [1, 1]);
    closeRun(a);
    closeRun(b);
  });
});

Deno.test("resume: stopping mid-epoch and resuming gives the losses, weights and samples of a straight run", async () => {
  await withTempDir(async (dir) => {
    const table = join(dir, "table.csv");
    await writeTable(table);
    // 180 training rows, batches of 16, 2 D updates: 5 iterations per epoch, 4 epochs.
    const run = config(
      "--data",
      table,
      "--width",
      "16",
      "--batch",
      "16",
      "--d-updates",
      "2",
      "--ema",
      "0.9",
      "--epochs",
      "4",
    );
    const straight = join(dir, "straight"), broken = join(dir, "broken");
    await train(run, { out: straight, log: false });
    await train({ ...run, iterations: 7 }, { out: broken, log: false });
    const stopped = await loadCheckpoint(join(broken, "checkpoint"));
    assertEquals([stopped.state.iterations, stopped.state.epoch, stopped.state.epochIterations], [7, 1, 2]);
    await train(resumed(stopped.config.run as typeof run), {
      out: broken,
      resume: stopped,
      log: false,
    });

    const [a, b] = [
      await loadCheckpoint(join(straight, "checkpoint")),
      await loadCheckpoint(join(broken, "checkpoint")),
    ];
    assertEquals(a.state.iterations, 20);
    assertEquals({ ...b.state, elapsed: 0 }, { ...a.state, elapsed: 0 });
    sameTensors(b.weights, a.weights);
    sameTensors(b.optimizer, a.optimizer);
    assert(
      Object.keys(a.weights).some((name) => name.startsWith("raw/G/")),
      "the raw G is saved beside the EMA",
    );
    // The stopped run logged 6..7, the resumed one 8..10; the other windows match.
    const [straightLog, brokenLog] = [losses(await metrics(straight)), losses(await metrics(broken))];
    assertEquals(straightLog.map((l) => l.iteration), [5, 10, 15, 20]);
    assertEquals(brokenLog.map((l) => l.iteration), [5, 7, 10, 15, 20]);
    const same = (log: typeof straightLog) => log.filter((l) => [5, 15, 20].includes(l.iteration));
    assertEquals(same(brokenLog), same(straightLog));
    const csv = await Deno.readTextFile(join(straight, "samples.csv"));
    assertEquals(await Deno.readTextFile(join(broken, "samples.csv")), csv);
    const rows = csv.trim().split("\n");
    assertEquals([rows[0], rows.length], ["height,offset", 1001]);
    const heights = rows.slice(1).map((row) => Number(row.split(",")[0]));
    const mean = heights.reduce((a, b) => a + b) / heights.length;
    assert(mean > 50 && mean < 150, `generated heights are in the data's units, mean ${mean}`);
  });
});

Deno.test("NaN guard: an absurd learning rate stops the run at the iteration, keeping the last good checkpoint", async () => {
  await withTempDir(async (out) => {
    const run = config(...TINY, "--lr", "1e10", "--checkpoint-every", "1");
    let message = "";
    await assertRejects(train(run, { out, log: false }), (e: Error) => {
      message = e.message;
      return e instanceof TrainingDiverged;
    });
    const match =
      /^training diverged at iteration (\d+): the [DG] loss is (NaN|-?Infinity); the last good checkpoint \(iteration (\d+)\) is kept in (.+)$/
        .exec(message);
    assert(match, message);
    const [, failed, kept, dir] = [match[0], Number(match[1]), Number(match[3]), match[4]];
    assertEquals(kept, failed - 1);
    const checkpoint = await loadCheckpoint(dir);
    assertEquals(checkpoint.state.iterations, kept);
    for (const [name, { data }] of Object.entries(checkpoint.weights)) {
      assert(data.every(Number.isFinite), name);
    }
  });
});

Deno.test("NaN guard: weights that are no longer finite are never saved", async () => {
  const v = tf.variable(tf.tensor1d([1, NaN, 2]));
  await assertRejects(
    checkWeights([tf.variable(tf.ones([2])), v], 12),
    /iteration 12: the weights are no longer finite/,
  );
  await checkWeights([tf.variable(tf.ones([2]))], 1);
});

Deno.test("toys: each epoch draws D's surface, the real points and the generated ones", async () => {
  await withTempDir(async (out) => {
    await train(config(...TINY, "--batch", "2000", "--epochs", "2"), { out, log: false });
    const plot = decodePng(await Deno.readFile(join(out, "samples", "epoch-002.png")));
    assertEquals([plot.width, plot.height, plot.channels], [256, 256, 3]);
    const colours = new Set<string>();
    for (let i = 0; i < plot.pixels.length; i += 3) colours.add(plot.pixels.slice(i, i + 3).join());
    assert(colours.has("0,0,0") && colours.has("0,160,60"), "real points in black, generated in green");
    assert(colours.size > 20, `a heatmap has many shades, found ${colours.size} colours`);
    const strip = decodePng(await Deno.readFile(join(out, "samples", "strip.png")));
    assertEquals([strip.width, strip.height], [512, 256]);
  });
});

/** Checkpoints kept in memory: what a loop saves, without the networks. */
class Unsaved extends Checkpointer {
  override save(state: LoopState): Promise<void> {
    this.saved = state.iterations;
    return Promise.resolve();
  }
}

/** Runs the loop around stand-in iterations in `out`; `iterate` sees each iteration's count before it. */
async function standInLoop(
  out: string,
  plan: { perEpoch: number; epochs: number; checkpointEvery: number | null },
  hooks: { iterate?: (iterations: number) => void; measure?: () => Promise<EpochMeasures> } = {},
  signal?: AbortSignal,
) {
  await runLoop(
    { out, iterations: null, minutes: null, samplesPerIteration: 1, ...plan },
    { ...INITIAL_STATE },
    Rng.seeded(0),
    {
      iterate: (state) => {
        hooks.iterate?.(state.iterations);
        return Promise.resolve({ lossD: 1, lossG: 1, dReal: 0.5, dFake: 0.5 });
      },
      measure: hooks.measure,
      picture: () => Promise.resolve(),
    },
    new Unsaved(join(out, "checkpoint"), () => Promise.reject(), () => []),
    { log: false, signal },
  );
  return await metrics(out);
}

Deno.test("loop: what is measured at an epoch's end goes on that epoch's metrics line alone", async () => {
  await withTempDir(async (out) => {
    let epochs = 0;
    const lines = await standInLoop(out, { perEpoch: 4, epochs: 3, checkpointEvery: null }, {
      measure: () => Promise.resolve({ testError: ++epochs / 10 }),
    });
    assertEquals(lines.map((l) => l.iteration), [4, 8, 10, 12]);
    assertEquals(lines.map((l) => l.testError), [0.1, 0.2, undefined, 0.3]);
  });
});

Deno.test("loop: a checkpoint and a stop end a metrics line, so that no iteration goes unlogged", async () => {
  await withTempDir(async (out) => {
    const stop = new AbortController();
    const lines = await standInLoop(out, { perEpoch: 40, epochs: 1, checkpointEvery: 7 }, {
      iterate: (iterations) => iterations === 15 && stop.abort(), // the 16th is the last
    }, stop.signal);
    assertEquals(lines.map((l) => l.iteration), [7, 10, 14, 16]);
  });
});

Deno.test("metrics: a window's throughput counts its iterations' time, not what came between", async () => {
  await withTempDir(async (out) => {
    const log = await MetricsLog.open(out, 0, 4);
    for (let i = 0; i < 10; i++) log.add({ lossD: 1, lossG: 1, dReal: 0.5, dFake: 0.5 }, 100);
    await new Promise((done) => setTimeout(done, 50)); // a picture, a checkpoint: not training
    await log.write(10, 1, 1.05);
    for (let i = 0; i < 5; i++) log.add({ lossD: 1, lossG: 1, dReal: 0.5, dFake: 0.5 }, 200);
    await log.write(15, 1, 2.1);
    assertEquals((await metrics(out)).map((l) => l.samples_per_s), [40, 20]);
  });
});

Deno.test("images: a conditional run draws its grid with one row per class", async () => {
  await withTempDir(async (out) => {
    await train(config("--model", "mlp", "--width", "8", "--conditional", "--epochs", "1"), {
      out,
      log: false,
    });
    const grid = decodePng(await Deno.readFile(join(out, "samples", "epoch-001.png")));
    assertEquals([grid.width, grid.height, grid.channels], [8 * 30 + 2, 10 * 30 + 2, 1]);
  });
});

Deno.test("train --minutes: the time budget ends the run, with its checkpoint and final grid", async () => {
  await withTempDir(async (out) => {
    const run = config(...TINY, "--epochs", "1000", "--minutes", "0.02");
    const state = await train(run, { out, log: false });
    assert(
      state.iterations > 0 && state.epoch < 1000,
      `${state.iterations} iterations, ${state.epoch} epochs`,
    );
    assert(state.elapsed >= 1.2, `${state.elapsed} s for a 1.2 s budget`); // the epochs did not end it
    const checkpoint = await loadCheckpoint(join(out, "checkpoint"));
    assertEquals(checkpoint.state.iterations, state.iterations);
    await Deno.stat(join(out, "samples", "strip.png"));
  });
});

Deno.test("train: a run directory that holds a checkpoint is not overwritten", async () => {
  await withTempDir(async (out) => {
    await train(config(...TINY, "--iterations", "2"), { out, log: false });
    await assertRejects(
      train(config(...TINY, "--iterations", "2"), { out, log: false }),
      /already holds a run/,
    );
  });
});
