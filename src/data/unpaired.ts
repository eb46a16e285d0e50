/**
 * Unpaired images for CycleGAN: two domains, A and B, with no pairing
 * between them. Built in: two classes of MNIST or Fashion-MNIST (by index or
 * name, e.g. 7,9 for sneakers and ankle boots). Or a folder holding `A/` and
 * `B/` of .png images of one size.
 */
import { OptionError } from "../options/option_error.ts";
import { domainDataset, readDomains } from "./domain_folders.ts";
import { SOURCES } from "./mnist.ts";
import { isDirectory, loadDataset } from "./mod.ts";
import { rowsAt } from "./split.ts";
import type { Split } from "./types.ts";

export interface UnpairedDataset {
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
  if (await isDirectory(spec)) return folderDomains(spec, seed);
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
    throw new OptionError(
      `{domains}: no class "${given}": give two of 0 to ${classes.length - 1} or ${classes.join(", ")}`,
    );
  }
  return index;
}

async function classDomains(spec: string, domains: string, seed: number): Promise<UnpairedDataset> {
  const data = await loadDataset(spec, { seed });
  const classes = data.classes!, given = domains.split(",");
  if (given.length !== 2) {
    throw new OptionError(`{domains} ${domains}: give two classes, e.g. ${DEFAULT_DOMAINS}`);
  }
  const [a, b] = given.map((name) => classIndex(classes, name));
  if (a === b) throw new OptionError(`{domains} ${domains}: the two classes must differ`);
  const only = (split: Split, label: number): Split => {
    const size = data.shape.reduce((p, q) => p * q, 1);
    const picked = [...split.labels!.keys()].filter((i) => split.labels![i] === label);
    return {
      x: rowsAt(split.x, size, picked),
      n: picked.length,
      labels: new Int32Array(picked.length).fill(label),
    };
  };
  return {
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
  const { A, B } = await readDomains(dir);
  const [a, b] = [domainDataset(A, "A", seed), domainDataset(B, "B", seed)];
  if (a.shape[2] !== b.shape[2]) {
    throw new Error(
      `${dir}: A/ holds ${a.shape[2] === 1 ? "gray" : "colour"} images and B/ does not; give both one kind`,
    );
  }
  return {
    from: "A",
    to: "B",
    shape: a.shape,
    a: { train: a.train, test: a.test },
    b: { train: b.train, test: b.test },
  };
}
