/**
 * Paired images for image-to-image translation (pix2pix): each input image A
 * beside the image B it should become. Built in: `edges2fashion`, Fashion-MNIST
 * and its edge maps. Or a folder holding `A/` and `B/`, whose PNG files pair
 * by name.
 */
import { sobelEdges } from "../image/edges.ts";
import { domainDataset, readDomains } from "./domain_folders.ts";
import { isDirectory, loadDataset } from "./mod.ts";
import type { Dataset, Split } from "./types.ts";

export interface PairedSplit {
  /** Inputs and targets, NHWC in [-1, 1], pair i at the same index of both. */
  a: Float32Array;
  b: Float32Array;
  n: number;
  /** The targets' classes, where the data has them, for evaluation. */
  labels?: Int32Array;
}

export interface PairedDataset {
  /** What A and B show, for people: "edges", "fashion-mnist", "A". */
  from: string;
  to: string;
  shapeA: number[];
  shapeB: number[];
  train: PairedSplit;
  test: PairedSplit;
}

export const EDGES2FASHION = "edges2fashion";

/** `edges2fashion`, or a folder of `A/` and `B/`; the training split is ordered by `seed`. */
export async function loadPaired(spec: string, seed = 0): Promise<PairedDataset> {
  if (spec === EDGES2FASHION) return edges2fashion(seed);
  if (!(await isDirectory(spec))) {
    throw new Error(`unknown paired data "${spec}": expected ${EDGES2FASHION} or a folder holding A/ and B/`);
  }
  return pairedFolder(spec, seed);
}

async function edges2fashion(seed: number): Promise<PairedDataset> {
  const fashion = await loadDataset("fashion-mnist", { seed });
  const [side] = fashion.shape;
  const pairs = (split: Split): PairedSplit => ({
    a: sobelEdges(split.x, split.n, side),
    b: split.x,
    n: split.n,
    labels: split.labels,
  });
  return {
    from: "edges",
    to: "fashion-mnist",
    shapeA: fashion.shape,
    shapeB: fashion.shape,
    train: pairs(fashion.train),
    test: pairs(fashion.test),
  };
}

/** `dir/A/x.png` pairs with `dir/B/x.png`; the last 10% by name are the test split. */
async function pairedFolder(dir: string, seed: number): Promise<PairedDataset> {
  const { A, B } = await readDomains(dir);
  const onlyA = A.names.filter((name) => !B.names.includes(name));
  const onlyB = B.names.filter((name) => !A.names.includes(name));
  if (onlyA.length || onlyB.length) {
    const list = (names: string[]) => names.slice(0, 3).join(", ") + (names.length > 3 ? ", ..." : "");
    throw new Error(
      `${dir}: A/ and B/ must hold the same file names; ` +
        [onlyA.length && `only in A/: ${list(onlyA)}`, onlyB.length && `only in B/: ${list(onlyB)}`]
          .filter(Boolean).join("; "),
    );
  }
  // Both sides are sorted by the same names and shuffled by the same seed, so pairs stay pairs.
  const [a, b] = [domainDataset(A, "A", seed), domainDataset(B, "B", seed)];
  const pairs = (pick: (d: Dataset) => Split): PairedSplit => ({ a: pick(a).x, b: pick(b).x, n: pick(a).n });
  return {
    from: "A",
    to: "B",
    shapeA: a.shape,
    shapeB: b.shape,
    train: pairs((d) => d.train),
    test: pairs((d) => d.test),
  };
}
