/**
 * The image-to-image training loop (pix2pix): iterations of
 * translationUpdate over epochs of the training pairs, with a picture of
 * fixed test pairs each epoch, metrics.jsonl, checkpoints and the NaN guard.
 * Seeded throughout, and resumable from its checkpoint as a GAN run is.
 */
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import { type Checkpoint, saveCheckpoint } from "../checkpoint/checkpoint.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import type { PairedDataset, PairedSplit } from "../data/paired.ts";
import { CLASSIFIED_DATA, loadClassifier } from "../eval/classifier_store.ts";
import { CLASSIFIER_SHAPE } from "../eval/classifier.ts";
import type { Layer } from "../models/layers.ts";
import { encodePng } from "../image/png.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import {
  buildPatchDiscriminator,
  buildTranslator,
  type TranslationModel,
} from "../models/translation_networks.ts";
import { OptionError } from "../options/option_error.ts";
import { Rng, type RngState } from "../random.ts";
import { Adam } from "./adam.ts";
import { epochOrder } from "./batches.ts";
import { RunNotSaved } from "./checkpointing.ts";
import { checkLosses, checkWeights } from "./guard.ts";
import { MetricsLog } from "./metrics.ts";
import { Progress } from "./progress.ts";
import { checkOutDir, makeRunDir } from "./setup.ts";
import { INITIAL_STATE, type LoopState } from "./state.ts";
import { translationData, type TranslationRecord, type TranslationRun } from "./translation_config.ts";
import { contentLoss, type TranslationNets, translationUpdate } from "./translation_update.ts";
import type { TrainOptions } from "./trainer.ts";

/** Iterations per metrics line; test pairs in each epoch's picture. */
const LOG_EVERY = 10, SHOWN = 8;

type SavedState = LoopState & { rng: RngState; adamUpdates: { G: number; D: number } };

export async function trainTranslation(
  run: TranslationRun,
  { out, resume, log = true, signal }: TrainOptions,
): Promise<LoopState> {
  await checkOutDir(out, resume);
  const data = await translationData(run).catch((e) => {
    throw new OptionError(`{data} ${run.data}: ${(e as Error).message}`);
  });
  const content = contentLoss(run, run.content === "features" ? await featureMaps(data) : undefined);
  if (data.train.n < run.batch) {
    throw new OptionError(`{batch} ${run.batch} exceeds the ${data.train.n} training pairs`);
  }
  const record: TranslationRecord = {
    kind: "translation",
    run,
    model: { arch: run.model, input: tuple(data.shapeA), output: tuple(data.shapeB), width: run.width },
    from: data.from,
    to: data.to,
    ...(data.classes ? { classes: data.classes } : {}),
  };
  const nets = buildNets(record.model, run);
  const restored = resume
    ? restore(resume, nets)
    : { rng: Rng.seeded(run.seed), state: { ...INITIAL_STATE } };
  const { rng, state } = restored;
  await makeRunDir(out);

  const perEpoch = Math.floor(data.train.n / run.batch);
  const total = Math.min(run.epochs * perEpoch, run.iterations ?? Infinity);
  const budget = run.minutes === null ? Infinity : run.minutes * 60;
  const metrics = await MetricsLog.open(out, state.iterations, run.batch);
  const progress = new Progress(
    {
      total,
      start: state.iterations,
      perEpoch,
      epochs: run.epochs,
      samplesPerIteration: run.batch,
      secondsLeft: budget - state.elapsed,
    },
    log ? (text) => Deno.stderr.writeSync(new TextEncoder().encode(text)) : () => {},
  );
  const began = performance.now() / 1000 - state.elapsed;
  const clock = () => performance.now() / 1000 - began;
  const dir = join(out, "checkpoint");
  let saved = resume ? state.iterations : undefined;
  const kept = () =>
    saved === undefined
      ? "no checkpoint had been saved yet"
      : `the last good checkpoint (iteration ${saved}) is kept in ${dir}`;
  const save = async () => {
    await checkWeights(allVariables(nets).values(), state.iterations);
    const checkpoint = await toCheckpoint(record, nets, rng, { ...state, elapsed: clock() });
    await saveCheckpoint(dir, checkpoint).catch((e) => {
      throw new RunNotSaved(`could not save a checkpoint in ${dir}: ${e.message}; ${kept()}`);
    });
    saved = state.iterations;
  };
  const picture = (epoch: number) =>
    epochPicture(out, epoch, nets, data).catch((e) => {
      throw new RunNotSaved(`could not write the epoch's picture in ${out}: ${e.message}; ${kept()}`);
    });

  let order: Int32Array | undefined;
  try {
    while (state.iterations < total && clock() < budget && !signal?.aborted) {
      if (state.epochIterations === 0) [state.orderSeed, order] = [rng.uint32(), undefined];
      order ??= epochOrder(data.train.n, state.orderSeed);
      const batch = pairBatch(data, data.train, order, state.epochIterations * run.batch, run.batch);
      const stats = await translationUpdate(nets, batch, content, run.adversarialWeight);
      tf.dispose([batch.a, batch.b]);
      checkLosses(stats, state.iterations + 1);
      state.iterations++;
      state.epochIterations++;
      metrics.add(stats);
      progress.update(state.iterations, stats);
      const epochDone = state.epochIterations === perEpoch;
      if (epochDone) [state.epoch, state.epochIterations] = [state.epoch + 1, 0];
      if (state.iterations % LOG_EVERY === 0 || epochDone || state.iterations === total) {
        await metrics.write(state.iterations, Math.ceil(state.iterations / perEpoch), clock());
      }
      if (epochDone) {
        progress.finishLine(state.iterations);
        await picture(state.epoch);
      }
      if (run.checkpointEvery ? state.iterations % run.checkpointEvery === 0 : epochDone) await save();
    }
    progress.finishLine(state.iterations);
    if (state.epochIterations > 0) await picture(state.epoch + 1);
    if (saved !== state.iterations) await save();
  } finally {
    tf.dispose([...allVariables(nets).values()]);
  }
  return { ...state, elapsed: clock() };
}

function buildNets(model: TranslationModel, run: TranslationRun): TranslationNets {
  const rng = Rng.seeded(run.seed), adam = { lr: run.lr, beta1: run.beta1, beta2: run.beta2 };
  const G = buildTranslator(model, rng);
  const D = run.adversarial ? buildPatchDiscriminator(model, rng) : undefined;
  return {
    G,
    optG: new Adam(G.params.trainable, adam),
    ...(D ? { D, optD: new Adam(D.params.trainable, adam) } : {}),
  };
}

/** Weights and Adam's moments of both networks, by their saved names. */
function allVariables({ G, D, optG, optD }: TranslationNets): Map<string, tf.Variable> {
  return new Map([
    ...G.params.all(),
    ...(D?.params.all() ?? []),
    ...optG.moments(),
    ...(optD?.moments() ?? []),
  ]);
}

async function toCheckpoint(
  record: TranslationRecord,
  { G, D, optG, optD }: TranslationNets,
  rng: Rng,
  state: LoopState,
): Promise<Checkpoint> {
  return {
    config: { ...record },
    state: {
      ...state,
      rng: rng.state,
      adamUpdates: { G: optG.updates, D: optD?.updates ?? 0 },
    } satisfies SavedState,
    weights: await readVariables(new Map([...G.params.all(), ...(D?.params.all() ?? [])])),
    optimizer: await readVariables(new Map([...optG.moments(), ...(optD?.moments() ?? [])])),
  };
}

function restore(checkpoint: Checkpoint, nets: TranslationNets): { rng: Rng; state: LoopState } {
  const { rng, adamUpdates, ...state } = checkpoint.state as unknown as SavedState;
  assignVariables(new Map([...nets.G.params.all(), ...(nets.D?.params.all() ?? [])]), checkpoint.weights);
  assignVariables(new Map([...nets.optG.moments(), ...(nets.optD?.moments() ?? [])]), checkpoint.optimizer);
  nets.optG.updates = adamUpdates.G;
  if (nets.optD) nets.optD.updates = adamUpdates.D;
  return { rng: Rng.restore(rng), state };
}

/** The feature maps of the targets' classifier, which a `features` content term compares. */
async function featureMaps({ to, shapeB }: PairedDataset): Promise<Layer> {
  if (!(CLASSIFIED_DATA as readonly string[]).includes(to) || shapeB.join() !== CLASSIFIER_SHAPE.join()) {
    throw new OptionError(
      `{content} features compares a classifier's feature maps: the targets must be ${
        CLASSIFIED_DATA.join(" or ")
      } at 28x28, not ${to}`,
    );
  }
  return (await loadClassifier(to)).classifier.maps;
}

/** Pairs `order[first .. first + size)` of the split as tensors. */
function pairBatch(data: PairedDataset, split: PairedSplit, order: Int32Array, first: number, size: number) {
  const take = (x: Float32Array, shape: number[]) => {
    const sample = shape[0] * shape[1] * shape[2], out = new Float32Array(size * sample);
    for (let i = 0; i < size; i++) {
      out.set(x.subarray(order[first + i] * sample, (order[first + i] + 1) * sample), i * sample);
    }
    return tf.tensor(out, [size, ...shape]);
  };
  return { a: take(split.a, data.shapeA), b: take(split.b, data.shapeB) };
}

/** samples/epoch-NNN.png: the first test pairs' inputs, G's outputs and the targets, in three rows. */
async function epochPicture(out: string, epoch: number, { G }: TranslationNets, data: PairedDataset) {
  const { shapeA, shapeB, test } = data, n = Math.min(SHOWN, test.n);
  const a = test.a.subarray(0, n * shapeA[0] * shapeA[1] * shapeA[2]);
  const fake = tf.tidy(() => G.apply(tf.tensor(a, [n, ...shapeA]), false));
  const outputs = await fake.data() as Float32Array;
  fake.dispose();
  const rows = [
    { x: a, side: shapeA[0], channels: shapeA[2] },
    { x: outputs, side: shapeB[0], channels: shapeB[2] },
    { x: test.b, side: shapeB[0], channels: shapeB[2] },
  ];
  await Deno.mkdir(join(out, "samples"), { recursive: true });
  const file = join(out, "samples", `epoch-${String(epoch).padStart(3, "0")}.png`);
  await writeFileAtomic(file, encodePng(rowsGrid(rows, n)));
}

const tuple = (shape: number[]) => shape as [number, number, number];
