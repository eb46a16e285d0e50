/**
 * One CycleGAN iteration (Zhu et al. 2017): G (A to B) and F (B to A) learn
 * together to fool their domain's D (least squares, as the paper), to come
 * back to where they started (cycle consistency, weight λ) and to leave an
 * image of their target domain as it is (identity, weight λ_id·λ). Then each
 * D learns, on real images of its domain and on fakes drawn from the history
 * of G's and F's outputs.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { PatchDiscriminator, Translator } from "../models/translation_networks.ts";
import type { Rng } from "../random.ts";
import type { Adam } from "./adam.ts";
import type { History } from "./history.ts";
import { GAN_LOSSES } from "./losses.ts";
import { meanAbsoluteError } from "./translation_iteration.ts";
import { readScalars, type UpdateStats } from "./update_stats.ts";

export interface CycleNets {
  G: Translator;
  F: Translator;
  /** DB judges domain B (G's outputs); DA judges domain A (F's). */
  DA: PatchDiscriminator;
  DB: PatchDiscriminator;
  /** One optimizer for G and F, one for both Ds. */
  optG: Adam;
  optD: Adam;
}

export interface CycleWeights {
  /** λ of the cycle-consistency term. */
  cycle: number;
  /** The identity term's weight, as a fraction of λ (the paper: 0.5). */
  identity: number;
}

// The paper halves D's least-squares objective, as GAN_LOSSES.lsgan does, but not G's.
const lsganD = GAN_LOSSES.lsgan.discriminator;
const lsganG = (fake: tf.Tensor) => tf.mean(tf.square(tf.sub(fake, 1)));

/** G's and F's loss on a batch of each domain; `fakes` receives G(a) and F(b). */
export function cycleGeneratorLoss(
  { G, F, DA, DB }: CycleNets,
  a: tf.Tensor,
  b: tf.Tensor,
  { cycle, identity }: CycleWeights,
  fakes?: (fakeB: tf.Tensor, fakeA: tf.Tensor) => void,
): tf.Scalar {
  const fakeB = G.apply(a, true), fakeA = F.apply(b, true);
  fakes?.(fakeB, fakeA);
  const adversarial = tf.add(lsganG(DB.apply(a, fakeB, true)), lsganG(DA.apply(b, fakeA, true)));
  const cycled = tf.add(
    meanAbsoluteError(F.apply(fakeB, true), a),
    meanAbsoluteError(G.apply(fakeA, true), b),
  );
  const terms = [adversarial, tf.mul(cycled, cycle)];
  if (identity > 0) {
    const kept = tf.add(meanAbsoluteError(G.apply(b, true), b), meanAbsoluteError(F.apply(a, true), a));
    terms.push(tf.mul(kept, identity * cycle));
  }
  return tf.addN(terms) as tf.Scalar;
}

export async function cycleIteration(
  nets: CycleNets,
  { a, b }: { a: tf.Tensor; b: tf.Tensor },
  weights: CycleWeights,
  history: { A: History; B: History },
  rng: Rng,
): Promise<UpdateStats> {
  let fakeB!: tf.Tensor, fakeA!: tf.Tensor;
  const lossG = tf.tidy(() =>
    nets.optG.minimize(() =>
      cycleGeneratorLoss(nets, a, b, weights, (fb, fa) => [fakeB, fakeA] = [tf.keep(fb), tf.keep(fa)])
    )
  );
  // The Ds see fakes from the history: half the time older ones, which keeps them from chasing G's last move.
  const pastB = await history.B.draw(await fakeB.data() as Float32Array, rng);
  const pastA = await history.A.draw(await fakeA.data() as Float32Array, rng);
  tf.dispose([fakeB, fakeA]);
  const tensors = tf.tidy(() => {
    const [oldB, oldA] = [tf.tensor(pastB, b.shape), tf.tensor(pastA, a.shape)];
    let stats!: tf.Tensor[];
    const lossD = nets.optD.minimize(() => {
      const [realB, fB, realA, fA] = [
        nets.DB.apply(a, b, true),
        nets.DB.apply(a, oldB, true),
        nets.DA.apply(b, a, true),
        nets.DA.apply(b, oldA, true),
      ];
      // Least-squares scores, not probabilities: DB's mean on real B (target 1) and on older fakes (target 0).
      stats = [tf.mean(realB), tf.mean(fB)].map((t) => tf.keep(t));
      return tf.add(lsganD(realB, fB, 1), lsganD(realA, fA, 1)) as tf.Scalar;
    });
    return [lossG, lossD, ...stats];
  });
  const [g, d, dReal, dFake] = await readScalars(tensors);
  return { lossG: g, lossD: d, dReal, dFake };
}
