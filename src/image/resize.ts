/**
 * Bilinear resizing as a separable triangle filter (pixel centres at +0.5). When
 * shrinking, the triangle widens with the scale so every source pixel contributes
 * (as in PIL), instead of sampling four pixels and aliasing.
 */

/** Output index i takes `weights[j]` of input index `from + j`. */
interface Tap {
  from: number;
  weights: number[];
}

/** Resizes interleaved `channels`-channel pixels (any numeric array) to newWidth x newHeight. */
export function resize(
  pixels: ArrayLike<number>,
  width: number,
  height: number,
  channels: number,
  newWidth: number,
  newHeight: number,
): Float32Array {
  const rows = resample(pixels, height, width, channels, taps(width, newWidth));
  return resample(rows, 1, height, newWidth * channels, taps(height, newHeight));
}

/** The largest centred square of the image, so resizing to a square keeps proportions. */
export function cropSquare(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  if (width === height) return pixels;
  const side = Math.min(width, height);
  const left = (width - side) >> 1, top = (height - side) >> 1;
  const out = new Uint8Array(side * side * channels);
  for (let y = 0; y < side; y++) {
    const start = ((top + y) * width + left) * channels;
    out.set(pixels.subarray(start, start + side * channels), y * side * channels);
  }
  return out;
}

function taps(size: number, newSize: number): Tap[] {
  const scale = size / newSize;
  const support = Math.max(1, scale);
  const result: Tap[] = [];
  for (let i = 0; i < newSize; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    const from = Math.max(0, Math.ceil(centre - support));
    const to = Math.min(size - 1, Math.floor(centre + support));
    const weights: number[] = [];
    for (let j = from; j <= to; j++) weights.push(Math.max(0, 1 - Math.abs(j - centre) / support));
    const total = weights.reduce((sum, w) => sum + w, 0);
    result.push({ from, weights: weights.map((w) => w / total) }); // small plain arrays: typed ones are slow to allocate
  }
  return result;
}

/** Resamples the middle axis of data laid out as [outer][size][inner]. */
function resample(
  src: ArrayLike<number>,
  outer: number,
  size: number,
  inner: number,
  taps: Tap[],
): Float32Array {
  const out = new Float32Array(outer * taps.length * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < taps.length; i++) {
      const { from, weights } = taps[i];
      const dst = (o * taps.length + i) * inner;
      for (let j = 0; j < weights.length; j++) {
        const at = (o * size + from + j) * inner;
        for (let k = 0; k < inner; k++) out[dst + k] += weights[j] * src[at + k];
      }
    }
  }
  return out;
}
