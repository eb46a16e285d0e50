/**
 * The image-to-image training loop (pix2pix, SRGAN, CycleGAN): iterations
 * of the run's method (src/train/translation_method.ts) over epochs
 * (src/train/loop.ts), with a picture of fixed test images each epoch and
 * checkpoints. Seeded throughout, and resumable from its checkpoint as a GAN
 * run is.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import type { Checkpoint } from "../checkpoint/checkpoint.ts";
import { assignVariables, readVariables } from "../checkpoint/variables.ts";
import { encodePng } from "../image/png.ts";
import { rowsGrid } from "../image/pairs_grid.ts";
import { Rng, type RngState } from "../random.ts";
import { Checkpointer } from "./checkpointing.ts";
import { restoreOptimizers, saveOptimizers } from "./optimizer_state.ts";
import { epochPictureName } from "./epoch_pictures.ts";
import { runLoop } from "./loop.ts";
import { lrShare } from "./lr_schedule.ts";
import { checkOutDir, makeRunDir } from "./setup.ts";
import { INITIAL_STATE, type LoopState } from "./state.ts";
import type { TranslationRun } from "./translation_record.ts";
import { openMethod, type TranslationMethod } from "./translation_method.ts";
import type { TrainOptions } from "./trainer.ts";

type SavedState = LoopState & { rng: RngState; adamUpdates: Record<string, number> };

export async function trainTranslation(
  run: TranslationRun,
  { out, resume, ...options }: TrainOptions,
): Promise<LoopState> {
  await checkOutDir(out, resume);
  const method = await openMethod(run);
  try {
    const { rng, state } = resume
      ? restore(resume, method)
      : { rng: Rng.seeded(run.seed), state: { ...INITIAL_STATE } };
    await makeRunDir(out);
    const checkpoints = new Checkpointer(
      join(out, "checkpoint"),
      (state) => toCheckpoint(method, rng, state),
      () => method.weights.values(),
      resume ? state.iterations : undefined,
    );
    return await runLoop(
      { ...run, out, perEpoch: method.perEpoch, samplesPerIteration: run.batch },
      state,
      rng,
      {
        iterate: ({ iterations, epochIterations, orderSeed }) => {
          const lr = run.lr * lrShare(run, method.perEpoch, iterations);
          for (const adam of Object.values(method.optimizers)) adam.lr = lr;
          return method.iterate(epochIterations, orderSeed, rng);
        },
        picture: (epoch) => epochPicture(out, epoch, method),
      },
      checkpoints,
      options,
    );
  } finally {
    method.dispose();
  }
}

async function toCheckpoint(method: TranslationMethod, rng: Rng, state: LoopState): Promise<Checkpoint> {
  const { adamUpdates, moments } = await saveOptimizers(method.optimizers);
  return {
    config: { ...method.record },
    state: { ...state, rng: rng.state, adamUpdates } satisfies SavedState,
    weights: await readVariables(method.weights),
    optimizer: moments,
  };
}

function restore(checkpoint: Checkpoint, method: TranslationMethod): { rng: Rng; state: LoopState } {
  const { rng, adamUpdates, ...state } = checkpoint.state as unknown as SavedState;
  assignVariables(method.weights, checkpoint.weights);
  restoreOptimizers(method.optimizers, adamUpdates, checkpoint.optimizer);
  return { rng: Rng.restore(rng), state };
}

/** samples/epoch-NNN.png: the method's rows of test images and their translations. */
async function epochPicture(out: string, epoch: number, method: TranslationMethod): Promise<void> {
  const rows = await method.pictureRows();
  const n = rows[0].x.length / (rows[0].side * rows[0].side * rows[0].channels);
  await Deno.mkdir(join(out, "samples"), { recursive: true });
  const file = join(out, "samples", epochPictureName(epoch));
  await writeFileAtomic(file, encodePng(rowsGrid(rows, n)));
}
