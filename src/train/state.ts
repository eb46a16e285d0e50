/** Where a run stands in its epochs and data: with the weights, optimizer and Rng, what resumes it. */
export interface LoopState {
  /** Iterations done (a GAN's: each `dUpdates` discriminator updates and one generator update). */
  iterations: number;
  /** Epochs completed. */
  epoch: number;
  /** Iterations done in the current epoch: the position in its data order. */
  epochIterations: number;
  /** Seed of the current epoch's data order (see epochOrder). */
  orderSeed: number;
  /** Seconds spent training, over every process that worked on the run. */
  elapsed: number;
}

export const INITIAL_STATE: Readonly<LoopState> = {
  iterations: 0,
  epoch: 0,
  epochIterations: 0,
  orderSeed: 0,
  elapsed: 0,
};
