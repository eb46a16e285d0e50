/**
 * A table's marginals as pictures: per column, the histogram of the samples
 * beside the real rows' (bar_chart.ts), over bins spanning the reference
 * rows' range (values beyond it fall into the end bins); one chart per
 * column, stacked top to bottom in the table's order, for the first
 * MAX_COLUMNS columns.
 */
import type { Image } from "../image/image.ts";
import { barChart } from "./bar_chart.ts";

const BINS = 20;
const MAX_COLUMNS = 12;

export function marginalCharts(
  samples: Float32Array,
  real: Float32Array,
  ref: Float32Array,
  d: number,
): Image {
  const charts = Array.from({ length: Math.min(d, MAX_COLUMNS) }, (_, c) => {
    let lo = Infinity, hi = -Infinity;
    for (let i = c; i < ref.length; i += d) [lo, hi] = [Math.min(lo, ref[i]), Math.max(hi, ref[i])];
    return barChart(histogram(samples, d, c, lo, hi), histogram(real, d, c, lo, hi), false);
  });
  return stack(charts);
}

function histogram(x: Float32Array, d: number, c: number, lo: number, hi: number): number[] {
  const counts = new Array<number>(BINS).fill(0);
  const scale = hi > lo ? BINS / (hi - lo) : 0;
  for (let i = c; i < x.length; i += d) {
    counts[Math.min(BINS - 1, Math.max(0, Math.floor((x[i] - lo) * scale)))]++;
  }
  return counts;
}

/** RGB images of one width, top to bottom. */
function stack(images: Image[]): Image {
  const width = images[0].width, height = images.reduce((h, image) => h + image.height, 0);
  const pixels = new Uint8Array(width * height * 3);
  let offset = 0;
  for (const image of images) {
    pixels.set(image.pixels, offset);
    offset += image.pixels.length;
  }
  return { width, height, channels: 3, pixels };
}
