/**
 * A compact binary cache of labelled 8-bit image splits, so a dataset's package files are
 * decoded once. Layout (little-endian uint32 header): magic, train count, test count, height,
 * width, channels; then every image's pixels, train first; then one uint8 label each.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import type { Image } from "../image/image.ts";
import type { ImageSplits } from "./images.ts";

export const DEFAULT_CACHE_DIR = fileURLToPath(new URL("../../.cache/data", import.meta.url));

const MAGIC = 0x31444745; // "EGD1"
const HEADER_BYTES = 24;

/** The cache file for a dataset; its `version` changes whenever the dataset's conversion does. */
export function cachePath(dir: string, name: string, version: number): string {
  return join(dir, `${name}-v${version}.bin`);
}

/** Removes `dir`'s other caches of `name` (`name-*.bin`, all but `path`): those of a package or conversion replaced. */
export async function removeStaleCaches(dir: string, name: string, path: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const stale = entry.name.startsWith(`${name}-`) && entry.name.endsWith(".bin") &&
      join(dir, entry.name) !== path;
    if (stale && entry.isFile) await Deno.remove(join(dir, entry.name));
  }
}

/** The cached splits, or undefined when the file is missing or not a complete cache. */
export async function readCache(path: string): Promise<ImageSplits | undefined> {
  const bytes = await readIfPresent(path);
  if (!bytes || bytes.length < HEADER_BYTES) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, trainCount, testCount, height, width, channels] = [0, 1, 2, 3, 4, 5].map((i) =>
    view.getUint32(i * 4, true)
  );
  const count = trainCount + testCount, size = height * width * channels;
  if (magic !== MAGIC || bytes.length !== HEADER_BYTES + count * (size + 1)) return undefined;
  const labels = bytes.subarray(HEADER_BYTES + count * size);
  const images = Array.from({ length: count }, (_, i): Image => ({
    width,
    height,
    channels: channels as Image["channels"],
    pixels: bytes.subarray(HEADER_BYTES + i * size, HEADER_BYTES + (i + 1) * size),
  }));
  return {
    train: { images: images.slice(0, trainCount), labels: Array.from(labels.subarray(0, trainCount)) },
    test: { images: images.slice(trainCount), labels: Array.from(labels.subarray(trainCount)) },
  };
}

/** Writes to a temporary file first, so a reader never sees half a cache. */
export async function writeCache(path: string, { train, test }: ImageSplits): Promise<void> {
  const images = [...train.images, ...test.images];
  const { width, height, channels } = images[0];
  const size = width * height * channels;
  if (images.some((image) => image.pixels.length !== size)) {
    throw new Error("writeCache: images differ in size");
  }
  const bytes = new Uint8Array(HEADER_BYTES + images.length * (size + 1));
  const view = new DataView(bytes.buffer);
  [MAGIC, train.images.length, test.images.length, height, width, channels].forEach((v, i) =>
    view.setUint32(i * 4, v, true)
  );
  images.forEach((image, i) => bytes.set(image.pixels, HEADER_BYTES + i * size));
  bytes.set([...train.labels, ...test.labels], HEADER_BYTES + images.length * size);
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}
