/**
 * A histogram over modes or classes drawn straight into RGB pixels: per bin,
 * the samples' share (dark bar) beside the real data's (light bar), and,
 * where uniform is the target (modes, classes), a red line at the share
 * 1/K. No axes or labels: bins are in order.
 */
import type { Image } from "../image/image.ts";

type Rgb = readonly [number, number, number];

const HEIGHT = 200;
const MARGIN = 8;
const SAMPLES: Rgb = [40, 70, 160];
const REAL: Rgb = [170, 190, 230];
const UNIFORM: Rgb = [220, 40, 40];
const BACKGROUND = 255;

/** `samples` and `real` are counts per bin; each is drawn as its share of its own total. */
export function barChart(samples: readonly number[], real: readonly number[], uniformLine = true): Image {
  const k = samples.length;
  const bar = Math.max(2, Math.floor(240 / k)); // each of the pair of bars; wide charts for few bins
  const width = 2 * MARGIN + k * (2 * bar + 2), height = HEIGHT + 2 * MARGIN;
  const image: Image = {
    width,
    height,
    channels: 3,
    pixels: new Uint8Array(width * height * 3).fill(BACKGROUND),
  };
  const [s, r] = [shares(samples), shares(real)];
  const top = Math.max(...s, ...r, 1 / k) * 1.05;
  const level = (share: number) => MARGIN + HEIGHT - Math.round((share / top) * HEIGHT);
  for (let i = 0; i < k; i++) {
    const left = MARGIN + i * (2 * bar + 2);
    fill(image, left, level(s[i]), bar, MARGIN + HEIGHT, SAMPLES);
    fill(image, left + bar, level(r[i]), bar, MARGIN + HEIGHT, REAL);
  }
  if (uniformLine) fill(image, MARGIN, level(1 / k), width - 2 * MARGIN, level(1 / k) + 1, UNIFORM);
  return image;
}

function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return counts.map((c) => c / total);
}

/** Fills columns [left, left + width) of rows [top, bottom). */
function fill(image: Image, left: number, top: number, width: number, bottom: number, colour: Rgb): void {
  for (let y = top; y < bottom; y++) {
    for (let x = left; x < left + width; x++) image.pixels.set(colour, (y * image.width + x) * 3);
  }
}
