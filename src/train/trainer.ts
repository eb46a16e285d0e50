/**
 * The GAN training loop: iterations of D then G updates over epochs of the
 * data (src/train/loop.ts), with the epoch's pictures (and a semi-supervised
 * D's test error), an average of G (and of a semi-supervised D) and
 * checkpoints. Seeded throughout: the same run
 * config, backend and threads give the same losses, whether the run goes
 * straight through or is resumed.
 */
import { join } from "node:path";
import type { Checkpoint } from "../checkpoint/checkpoint.ts";
import { epochOrder, mixBatch, noiseBatch, realBatch } from "./batches.ts";
import { ganCheckpointer } from "./checkpointing.ts";
import { iteration } from "./iteration.ts";
import type { SemiSupervisedBatch } from "./semi_supervised_iteration.ts";
import type { Batch } from "./updates.ts";
import { labelledBatch } from "./labelled.ts";
import { type LoopOptions, runLoop } from "./loop.ts";
import { lrShare } from "./lr_schedule.ts";
import { penalties, type RunConfig } from "./run_config.ts";
import { closeRun, openRun } from "./setup.ts";
import { Snapshots } from "./snapshots.ts";
import { testError } from "./test_error.ts";
import type { LoopState } from "./state.ts";

export interface TrainOptions extends LoopOptions {
  /** The run directory. */
  out: string;
  /** The run's last checkpoint, to continue from. */
  resume?: Checkpoint;
}

export async function train(run: RunConfig, { out, resume, ...options }: TrainOptions): Promise<LoopState> {
  const session = await openRun(run, out, resume);
  const { dataset, model, gan, ema, emaD, rng, state } = session;
  const perIteration = run.batch * run.dUpdates;
  const perEpoch = Math.floor(dataset.train.n / perIteration);
  const G = ema?.net ?? gan.G; // the generator that samples and is saved as the model
  const interpolates = penalties(run).gp > 0;
  const snapshots = new Snapshots(out, dataset, model, run.seed);
  const checkpoints = ganCheckpointer(
    join(out, "checkpoint"),
    session,
    resume ? state.iterations : undefined,
  );
  // An epoch's order of the training split, and a second one for the batches whose features a
  // semi-supervised G matches.
  let orders: { seed: number; real: Int32Array; matched?: Int32Array } | undefined;
  try {
    return await runLoop(
      {
        ...run,
        out,
        perEpoch,
        samplesPerIteration: perIteration,
      },
      state,
      rng,
      {
        iterate: async ({ epochIterations, orderSeed, iterations }) => {
          if (orders?.seed !== orderSeed) {
            const n = dataset.train.n;
            const matched = session.labelled ? epochOrder(n, orderSeed + 1) : undefined;
            orders = { seed: orderSeed, real: epochOrder(n, orderSeed), matched };
          }
          const share = lrShare(run, perEpoch, iterations);
          gan.optD.lr = run.lr * share;
          gan.optG.lr = (run.lrG ?? run.lr) * share;
          let batch = epochIterations * run.dUpdates;
          const stats = await iteration(gan, run, () => {
            const first = run.batch * batch++;
            return {
              ...realBatch(dataset.train, orders!.real, first, run.batch, model),
              ...noiseBatch(rng, run.batch, model),
              ...(interpolates ? { mix: mixBatch(rng, run.batch, model) } : {}),
              ...(session.labelled
                ? {
                  ...labelledBatch(dataset.train, session.labelled, rng, run.batch, model.classifies),
                  zG: noiseBatch(rng, run.batch, model).z,
                  matched: realBatch(dataset.train, orders!.matched!, first, run.batch, model).real,
                } satisfies Omit<SemiSupervisedBatch, keyof Batch>
                : {}),
            };
          });
          ema?.update(gan.G, iterations + 1);
          emaD?.update(gan.D, iterations + 1);
          return stats;
        },
        ...(session.labelled
          ? {
            measure: async () => ({
              testError: await testError(emaD?.net ?? gan.D, dataset.test, model.shape, model.classifies),
            }),
          }
          : {}),
        picture: (epoch) => snapshots.epoch(epoch, G, gan.D),
        finish: () => snapshots.finish(G),
      },
      checkpoints,
      options,
    );
  } finally {
    snapshots.dispose();
    closeRun(session);
  }
}
