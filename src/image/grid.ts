/** Tiling generated samples into one picture, and strips of such pictures (one per epoch). */
import type { Image } from "./image.ts";

/**
 * Tiles `n` NHWC images with values in [-1, 1] into rows of `columns` (default: as
 * square as possible), with `padding` black pixels between and around them.
 */
export function imageGrid(
  images: Float32Array,
  n: number,
  height: number,
  width: number,
  channels: 1 | 3 | 4,
  columns = Math.ceil(Math.sqrt(n)),
  padding = 2,
): Image {
  if (images.length < n * height * width * channels) {
    throw new Error(`imageGrid: ${images.length} values for ${n} images of ${height}x${width}x${channels}`);
  }
  const rows = Math.ceil(n / columns);
  const gridWidth = columns * (width + padding) + padding;
  const gridHeight = rows * (height + padding) + padding;
  const pixels = new Uint8Array(gridWidth * gridHeight * channels);
  const rowLength = width * channels;
  for (let i = 0; i < n; i++) {
    const left = padding + (i % columns) * (width + padding);
    const top = padding + Math.floor(i / columns) * (height + padding);
    for (let y = 0; y < height; y++) {
      const src = (i * height + y) * rowLength;
      const dst = ((top + y) * gridWidth + left) * channels;
      for (let k = 0; k < rowLength; k++) pixels[dst + k] = toByte(images[src + k]);
    }
  }
  return { width: gridWidth, height: gridHeight, channels, pixels };
}

/** Places images left to right, top-aligned; shorter ones are padded with black below. */
export function hstack(images: Image[]): Image {
  const channels = images[0].channels;
  if (images.some((image) => image.channels !== channels)) {
    throw new Error("hstack: images differ in channels");
  }
  const width = images.reduce((sum, image) => sum + image.width, 0);
  const height = Math.max(...images.map((image) => image.height));
  const pixels = new Uint8Array(width * height * channels);
  let left = 0;
  for (const image of images) {
    const rowLength = image.width * channels;
    for (let y = 0; y < image.height; y++) {
      pixels.set(image.pixels.subarray(y * rowLength, (y + 1) * rowLength), (y * width + left) * channels);
    }
    left += image.width;
  }
  return { width, height, channels, pixels };
}

/** [-1, 1] to 0..255, clamping what a generator overshoots. */
function toByte(value: number): number {
  return Math.min(255, Math.max(0, Math.round((value + 1) * 127.5)));
}
