/**
 * Unpaired images for CycleGAN: two domains, A and B, with no pairing
 * between them. Built in: two classes of MNIST or Fashion-MNIST (by index or
 * name, e.g. 7,9 for sneakers and ankle boots). Or a folder holding `A/` and
 * `B/` of .png images of one size.
 */
import { join } from "node:path";
import { isGray } from "../image/image.ts";
import { pngsIn, readPng } from "./folder.ts";
import { imageDataset, splitGroups } from "./images.ts";
import { SOURCES } from "./mnist.ts";
import { loadDataset } from "./mod.ts";
import { orderSplits } from "./split.ts";
import type { Dataset, Split } from "./types.ts";

export interface UnpairedDataset {
  name: string;
  /** What the domains show, for people: class names, or "A" and "B". */
  from: string;
  to: string;
  /** One image of either domain. */
  shape: number[];
  a: { train: Split; test: Split };
  b: { train: Split; test: Split };
  /** Built-in data: the classes of A and B in the data's classifier, to read translations with. */
  classes?: { data: string; a: number; b: number };
}

/** Sneakers and ankle boots, the pair the issue and many CycleGAN demos start with. */
export const DEFAULT_DOMAINS = "7,9";

export async function loadUnpaired(spec: string, domains: string, seed = 0): Promise<UnpairedDataset> {
  if (Object.hasOwn(SOURCES, spec)) return classDomains(spec, domains, seed);
  if (await Deno.stat(spec).then((s) => s.isDirectory, () => false)) return folderDomains(spec, seed);
  throw new Error(
    `unknown unpaired data "${spec}": expected ${
      Object.keys(SOURCES).join(" or ")
    } with two of its classes, ` +
      "or a folder holding A/ and B/",
  );
}

/** A class by its index or its name (any case; spaces may be written as dashes). */
function classIndex(classes: string[], given: string): number {
  const key = (s: string) => s.toLowerCase().replace(/[\s-]+/g, " ").trim();
  const index = /^\d+$/.test(given) ? Number(given) : classes.findIndex((c) => key(c) === key(given));
  if (!(index >= 0 && index < classes.length)) {
    throw new Error(`no class "${given}": give two of 0 to ${classes.length - 1} or ${classes.join(", ")}`);
  }
  return index;
}

async function classDomains(spec: string, domains: string, seed: number): Promise<UnpairedDataset> {
  const data = await loadDataset(spec, { seed });
  const classes = data.classes!, given = domains.split(",");
  if (given.length !== 2) throw new Error(`domains "${domains}": give two classes, e.g. ${DEFAULT_DOMAINS}`);
  const [a, b] = given.map((name) => classIndex(classes, name));
  if (a === b) throw new Error(`domains "${domains}": the two classes must differ`);
  const only = (split: Split, label: number): Split => {
    const size = data.shape.reduce((p, q) => p * q, 1);
    const picked = [...split.labels!.keys()].filter((i) => split.labels![i] === label);
    const x = new Float32Array(picked.length * size);
    picked.forEach((from, to) => x.set(split.x.subarray(from * size, (from + 1) * size), to * size));
    return { x, n: picked.length, labels: new Int32Array(picked.length).fill(label) };
  };
  return {
    name: spec,
    from: classes[a],
    to: classes[b],
    shape: data.shape,
    a: { train: only(data.train, a), test: only(data.test, a) },
    b: { train: only(data.train, b), test: only(data.test, b) },
    classes: { data: spec, a, b },
  };
}

/** `dir/A/*.png` and `dir/B/*.png`, of one size; each folder's last 10% by name is its test split. */
async function folderDomains(dir: string, seed: number): Promise<UnpairedDataset> {
  const [a, b] = await Promise.all(["A", "B"].map(async (side) => {
    const files = await pngsIn(join(dir, side)).catch((e) => {
      throw new Error(`${join(dir, side)}: ${(e as Error).message}`);
    });
    if (files.length < 2) {
      throw new Error(`${join(dir, side)}: needs 2 .png images at least, found ${files.length}`);
    }
    return { files, images: await Promise.all(files.map(readPng)) };
  }));
  const { width, height } = a.images[0];
  for (const { files, images } of [a, b]) {
    const wrong = images.findIndex((image) => image.width !== width || image.height !== height);
    if (wrong >= 0) {
      const { width: w, height: h } = images[wrong];
      throw new Error(
        `${files[wrong]} is ${w}x${h}: every image must be ${width}x${height}, as ${a.files[0]} is`,
      );
    }
  }
  if (width !== height || width % 4 !== 0) {
    throw new Error(`${dir}: images are ${width}x${height}; they must be square, the side a multiple of 4`);
  }
  const channels = [...a.images, ...b.images].every(isGray) ? 1 : 3;
  const domain = (images: typeof a.images, name: string): Dataset =>
    orderSplits(imageDataset(name, splitGroups([images], 0.1), width, channels), seed);
  const [da, db] = [domain(a.images, "A"), domain(b.images, "B")];
  return {
    name: dir,
    from: "A",
    to: "B",
    shape: da.shape,
    a: { train: da.train, test: da.test },
    b: { train: db.train, test: db.test },
  };
}
