/**
 * Paired images for image-to-image translation (pix2pix): each input image A
 * beside the image B it should become. Built in: `edges2fashion`, Fashion-MNIST
 * and its edge maps. Or a folder holding `A/` and `B/`, whose PNG files pair
 * by name.
 */
import { join } from "node:path";
import { type Image, isGray } from "../image/image.ts";
import { sobelEdges } from "../image/edges.ts";
import { pngsIn, readPng } from "./folder.ts";
import { imageDataset, splitGroups } from "./images.ts";
import { loadDataset } from "./mod.ts";
import { orderSplits } from "./split.ts";
import type { Dataset, Split } from "./types.ts";

export interface PairedSplit {
  /** Inputs and targets, NHWC in [-1, 1], pair i at the same index of both. */
  a: Float32Array;
  b: Float32Array;
  n: number;
  /** The targets' classes, where the data has them (edges2fashion), for evaluation. */
  labels?: Int32Array;
}

export interface PairedDataset {
  name: string;
  /** What A and B show, for people: "edges", "fashion-mnist", "A". */
  from: string;
  to: string;
  shapeA: number[];
  shapeB: number[];
  train: PairedSplit;
  test: PairedSplit;
  /** The targets' class names (edges2fashion), with `labels` in each split. */
  classes?: string[];
}

export const EDGES2FASHION = "edges2fashion";

/** U-Nets halve the side twice: it must divide by 4. */
const SIDE_STEP = 4;

/** `edges2fashion`, or a folder of `A/` and `B/`; the training split is ordered by `seed`. */
export async function loadPaired(spec: string, seed = 0): Promise<PairedDataset> {
  if (spec === EDGES2FASHION) return edges2fashion(seed);
  const isFolder = await Deno.stat(spec).then((s) => s.isDirectory, () => false);
  if (!isFolder) {
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
    name: EDGES2FASHION,
    from: "edges",
    to: "fashion-mnist",
    shapeA: fashion.shape,
    shapeB: fashion.shape,
    train: pairs(fashion.train),
    test: pairs(fashion.test),
    classes: fashion.classes,
  };
}

/** `dir/A/x.png` pairs with `dir/B/x.png`; the last 10% by name are the test split. */
async function pairedFolder(dir: string, seed: number): Promise<PairedDataset> {
  const [namesA, namesB] = await Promise.all(["A", "B"].map((side) => pngNames(join(dir, side))));
  const onlyA = namesA.filter((name) => !namesB.includes(name));
  const onlyB = namesB.filter((name) => !namesA.includes(name));
  if (onlyA.length || onlyB.length) {
    const list = (names: string[]) => names.slice(0, 3).join(", ") + (names.length > 3 ? ", ..." : "");
    throw new Error(
      `${dir}: A/ and B/ must hold the same file names; ` +
        [onlyA.length && `only in A/: ${list(onlyA)}`, onlyB.length && `only in B/: ${list(onlyB)}`]
          .filter(Boolean).join("; "),
    );
  }
  const [a, b] = await Promise.all(
    ["A", "B"].map((side) => Promise.all(namesA.map((name) => readPng(join(dir, side, name))))),
  );
  const side = checkSizes(dir, namesA, a, b);
  const sides = [a, b].map((images, k) => {
    const channels = images.every(isGray) ? 1 : 3;
    return orderSplits(imageDataset(k ? "B" : "A", splitGroups([images], 0.1), side, channels), seed);
  });
  // Both sides are shuffled by the same seed, so pairs stay pairs.
  const pairs = (pick: (d: Dataset) => Split): PairedSplit => ({
    a: pick(sides[0]).x,
    b: pick(sides[1]).x,
    n: pick(sides[0]).n,
  });
  return {
    name: dir,
    from: "A",
    to: "B",
    shapeA: sides[0].shape,
    shapeB: sides[1].shape,
    train: pairs((d) => d.train),
    test: pairs((d) => d.test),
  };
}

async function pngNames(dir: string): Promise<string[]> {
  const files = await pngsIn(dir).catch((e) => {
    throw new Error(`${dir}: ${(e as Error).message}`);
  });
  if (files.length < 2) throw new Error(`${dir}: needs 2 .png images at least, found ${files.length}`);
  return files.map((file) => file.slice(dir.length + 1));
}

/** Every image square, of one side that divides by 4, and each pair the same size. */
function checkSizes(dir: string, names: string[], a: Image[], b: Image[]): number {
  const side = a[0].width;
  for (let i = 0; i < names.length; i++) {
    for (const [folder, image] of [["A", a[i]], ["B", b[i]]] as const) {
      if (image.width !== side || image.height !== side) {
        throw new Error(
          `${
            join(dir, folder, names[i])
          } is ${image.width}x${image.height}: every image must be ${side}x${side}, as ${
            join(dir, "A", names[0])
          } is`,
        );
      }
    }
  }
  if (side % SIDE_STEP !== 0) {
    throw new Error(
      `${dir}: images are ${side}x${side}; the side must divide by ${SIDE_STEP} (the U-Net halves it twice)`,
    );
  }
  return side;
}
