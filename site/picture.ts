/** Pictures on canvases, pixel for pixel: CSS scales them up (pixelated), so nothing is resampled. */
import type { Image } from "../src/image/image.ts";
import { latestOnly } from "./latest.ts";

export type Picture = ImageData | ImageBitmap;

/** An 8-bit gray or RGB image as RGBA ImageData. */
export function toImageData({ width, height, channels, pixels }: Image): ImageData {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgba[p * 4 + k] = pixels[p * channels + (channels >= 3 ? k : 0)];
    rgba[p * 4 + 3] = 255;
  }
  return new ImageData(rgba, width, height);
}

export function draw(canvas: HTMLCanvasElement, picture: Picture): void {
  canvas.width = picture.width;
  canvas.height = picture.height;
  // Lets CSS size a picture by its height as well as its width.
  canvas.style.setProperty("--aspect", String(picture.width / picture.height));
  const context = canvas.getContext("2d")!;
  if (picture instanceof ImageData) context.putImageData(picture, 0, 0);
  else context.drawImage(picture, 0, 0);
}

/**
 * Draws pictures on `canvas` as they are made; a slow one that finishes
 * after a newer one is dropped. The canvas's `data-shows` says what it
 * shows (for a sample picture, the server's query for the same picture),
 * for tests and curious readers.
 */
export function canvasSlot(
  canvas: HTMLCanvasElement,
): (make: () => Promise<Picture>, shows: string) => Promise<void> {
  const latest = latestOnly();
  return async (make, shows) => {
    await latest.show(make, (picture) => {
      draw(canvas, picture);
      canvas.dataset.shows = shows;
    });
  };
}

/** The query string of the defined `params`. */
export function queryOf(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined);
  return new URLSearchParams(defined.map(([name, value]) => [name, String(value)])).toString();
}
