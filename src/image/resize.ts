/**
 * Resizing as a separable filter (pixel centres at +0.5): bilinear (a
 * triangle) or bicubic (Keys' cubic, a = -0.5, which can overshoot the
 * input's range). When shrinking, the filter widens with the scale so every
 * source pixel contributes (as in PIL), instead of sampling a few and aliasing.
 */

export type Filter = "bilinear" | "bicubic";

/** Each filter's reach in input pixels at scale 1, and its weight at distance x. */
const FILTERS: Record<Filter, { support: number; weight: (x: number) => number }> = {
  bilinear: { support: 1, weight: (x) => Math.max(0, 1 - x) },
  bicubic: {
    support: 2,
    weight: (x) =>
      x < 1 ? 1.5 * x ** 3 - 2.5 * x ** 2 + 1 : x < 2 ? -0.5 * x ** 3 + 2.5 * x ** 2 - 4 * x + 2 : 0,
  },
};

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
  filter: Filter = "bilinear",
): Float32Array {
  const rows = resample(pixels, height, width, channels, taps(width, newWidth, filter));
  return resample(rows, 1, height, newWidth * channels, taps(height, newHeight, filter));
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

function taps(size: number, newSize: number, filter: Filter): Tap[] {
  const scale = size / newSize, stretch = Math.max(1, scale);
  const { weight } = FILTERS[filter], support = FILTERS[filter].support * stretch;
  const result: Tap[] = [];
  for (let i = 0; i < newSize; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    const from = Math.max(0, Math.ceil(centre - support));
    const to = Math.min(size - 1, Math.floor(centre + support));
    const weights: number[] = [];
    for (let j = from; j <= to; j++) weights.push(weight(Math.abs(j - centre) / stretch));
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
