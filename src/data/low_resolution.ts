/**
 * Super-resolution pairs: each image of MNIST or Fashion-MNIST (B) beside
 * itself shrunk 4x (A), 28x28 to 7x7 by the antialiased bilinear filter of
 * src/image/resize.ts, which averages every source pixel in.
 */
import { resize } from "../image/resize.ts";
import { loadDataset } from "./mod.ts";
import { SOURCES } from "./mnist.ts";
import type { PairedDataset, PairedSplit } from "./paired.ts";
import type { Split } from "./types.ts";

/** `factor`x smaller copies of `n` gray images of `side` x `side`. */
export function shrink(x: Float32Array, n: number, side: number, factor: number): Float32Array {
  const small = side / factor, out = new Float32Array(n * small * small);
  for (let i = 0; i < n; i++) {
    out.set(
      resize(x.subarray(i * side * side, (i + 1) * side * side), side, side, 1, small, small),
      i * small * small,
    );
  }
  return out;
}

export async function loadLowResolution(spec: string, factor: number, seed = 0): Promise<PairedDataset> {
  if (!Object.hasOwn(SOURCES, spec)) {
    throw new Error(
      `unknown data "${spec}" for super-resolution: expected ${Object.keys(SOURCES).join(" or ")}`,
    );
  }
  const data = await loadDataset(spec, { seed });
  const [side] = data.shape, small = side / factor;
  const pairs = (split: Split): PairedSplit => ({
    a: shrink(split.x, split.n, side, factor),
    b: split.x,
    n: split.n,
    labels: split.labels,
  });
  return {
    from: `${spec} ${small}x${small}`,
    to: spec,
    shapeA: [small, small, 1],
    shapeB: data.shape,
    train: pairs(data.train),
    test: pairs(data.test),
  };
}
