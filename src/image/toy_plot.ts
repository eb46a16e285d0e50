/**
 * A picture of a GAN on 2-D points: the discriminator's output over the
 * plane as a heatmap (blue: judged fake, red: judged real), the real points
 * in black and the generated ones in green, drawn straight into RGB pixels.
 */
import type { Image } from "./image.ts";

export interface ToyPlot {
  /** Side of the square picture in pixels. */
  side: number;
  /** The plane shown is [-extent, extent]². */
  extent: number;
  /** D's output in [0, 1] at each pixel's centre, row-major from the top. */
  surface: Float32Array;
  /** Points as x, y pairs. */
  real: Float32Array;
  fake: Float32Array;
}

type Rgb = readonly [number, number, number];

// The ends and middle of Moreland's cool-warm map, lightened so the points stand out.
const COOL: Rgb = [140, 160, 230];
const MIDDLE: Rgb = [242, 242, 242];
const WARM: Rgb = [235, 140, 130];
const REAL: Rgb = [0, 0, 0];
const FAKE: Rgb = [0, 160, 60];

/** The plane coordinates of pixel centres along one axis: column (or row, flipped) to x (or y). */
export function pixelCentres(side: number, extent: number): Float32Array {
  return Float32Array.from({ length: side }, (_, i) => ((i + 0.5) / side * 2 - 1) * extent);
}

export function drawToyPlot({ side, extent, surface, real, fake }: ToyPlot): Image {
  const pixels = new Uint8Array(side * side * 3);
  for (let i = 0; i < side * side; i++) pixels.set(heat(surface[i]), i * 3);
  const image: Image = { width: side, height: side, channels: 3, pixels };
  // Samples over the real points: a mode G missed stays black, one it covers turns green.
  drawPoints(image, real, extent, REAL, 2);
  drawPoints(image, fake, extent, FAKE, 2);
  return image;
}

function heat(p: number): Rgb {
  return p < 0.5 ? mix(COOL, MIDDLE, p * 2) : mix(MIDDLE, WARM, p * 2 - 1);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const at = (k: number) => Math.round(a[k] + (b[k] - a[k]) * t);
  return [at(0), at(1), at(2)];
}

/** Squares of `radius` pixels around each point inside the plane shown; y points up. */
function drawPoints(image: Image, points: Float32Array, extent: number, colour: Rgb, radius: number): void {
  const side = image.width;
  for (let i = 0; i < points.length; i += 2) {
    const cx = Math.floor((points[i] / extent + 1) / 2 * side);
    const cy = Math.floor((1 - points[i + 1] / extent) / 2 * side);
    for (let y = cy - radius + 1; y < cy + radius; y++) {
      for (let x = cx - radius + 1; x < cx + radius; x++) {
        if (x >= 0 && x < side && y >= 0 && y < side) image.pixels.set(colour, (y * side + x) * 3);
      }
    }
  }
}
