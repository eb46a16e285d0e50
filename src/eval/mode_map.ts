/**
 * A histogram over many modes (Stacked MNIST's 1,000) as a map of cells, too
 * many for bars: one row per hundred modes, a gap after every ten. A cell's
 * blue deepens from light with its share, full at twice the uniform share; a
 * mode with no sample is red. The samples' map is drawn above the real data's.
 */
import type { Image } from "../image/image.ts";

const CELL = 6;
const BLOCK_GAP = 4;
const ROW_GAP = 2;
const COLUMNS = 100;
const BLOCK = 10;
const MARGIN = 8;
const EMPTY = [220, 40, 40];
const LIGHT = [200, 215, 240];
const FULL = [20, 50, 150];

export function modeMap(samples: readonly number[], real: readonly number[]): Image {
  const rows = Math.ceil(samples.length / COLUMNS);
  const mapHeight = rows * (CELL + ROW_GAP);
  const width = 2 * MARGIN + COLUMNS * CELL + (COLUMNS / BLOCK - 1) * BLOCK_GAP;
  const height = 3 * MARGIN + 2 * mapHeight;
  const image: Image = { width, height, channels: 3, pixels: new Uint8Array(width * height * 3).fill(255) };
  drawMap(image, samples, MARGIN);
  drawMap(image, real, 2 * MARGIN + mapHeight);
  return image;
}

function drawMap(image: Image, counts: readonly number[], top: number): void {
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const full = (2 * total) / counts.length;
  counts.forEach((count, mode) => {
    const row = Math.floor(mode / COLUMNS), column = mode % COLUMNS;
    const left = MARGIN + column * CELL + Math.floor(column / BLOCK) * BLOCK_GAP;
    const t = Math.min(1, count / full);
    const colour = count === 0 ? EMPTY : LIGHT.map((c, k) => Math.round(c + t * (FULL[k] - c)));
    for (let y = 1; y < CELL; y++) {
      for (let x = 1; x < CELL; x++) {
        image.pixels.set(colour, ((top + row * (CELL + ROW_GAP) + y) * image.width + left + x) * 3);
      }
    }
  });
}
