/** PacGAN's 2-D Gaussian mixtures, the standard test of mode collapse. */
import { Rng } from "../random.ts";
import type { Dataset } from "./types.ts";

/** Any constant: the samples are the same on every run and machine. */
const TOY_SEED = 2018;
const TRAIN = 100_000;
const TEST = 2_500;

const GRID = [-4, -2, 0, 2, 4];

export const TOYS: Record<string, { modes: number[][]; std: number }> = {
  ring8: {
    modes: Array.from(
      { length: 8 },
      (_, k) => [Math.cos((2 * Math.PI * k) / 8), Math.sin((2 * Math.PI * k) / 8)],
    ),
    std: 0.01,
  },
  grid25: { modes: GRID.flatMap((x) => GRID.map((y) => [x, y])), std: 0.05 },
};

export function toyDataset(name: string): Dataset {
  const { modes, std } = TOYS[name];
  const rng = Rng.seeded(TOY_SEED);
  const sample = (n: number) => {
    const x = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const [mx, my] = modes[rng.int(modes.length)];
      x[2 * i] = mx + std * rng.normal();
      x[2 * i + 1] = my + std * rng.normal();
    }
    return { x, n };
  };
  return { name, kind: "points", shape: [2], train: sample(TRAIN), test: sample(TEST), modes, std };
}
