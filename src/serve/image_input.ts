/**
 * The images that POST /api/models/:id/classify and /translate read: one PNG
 * of the model's input size and channels, or JSON `{images}` of up to
 * MAX_IMAGES images, each its pixels as numbers in [0, 1], row by row
 * (channels interleaved). Either becomes the model's input, in [-1, 1] as
 * training saw it.
 */
import type { Context } from "hono";
import * as z from "zod/mini";
import { decodePng, pngSize } from "../image/png.ts";
import { HttpError } from "./http_error.ts";
import { parseBody, readJson } from "./json_body.ts";

const MAX_IMAGES = 256;

const PIXEL = { error: "must be a number from 0 to 1" };
export const IMAGES_BODY = z.strictObject({
  images: z.array(z.array(z.number(PIXEL).check(z.minimum(0, PIXEL), z.maximum(1, PIXEL))))
    .check(
      z.minLength(1, `must be a list of 1 to ${MAX_IMAGES} images`),
      z.maxLength(MAX_IMAGES, `must be a list of 1 to ${MAX_IMAGES} images`),
    ),
});

/** The images a request sends for a model whose input is [side, side, channels], and whether they came as a PNG. */
export async function readImages(
  c: Context,
  [side, , channels]: number[],
): Promise<{ x: Float32Array; n: number; png: boolean }> {
  const pixels = side * side * channels;
  const png = c.req.header("content-type")?.toLowerCase().startsWith("image/png") ?? false; // media types ignore case
  const x = png
    ? pngInput(new Uint8Array(await c.req.arrayBuffer()), side, channels)
    : jsonInput(parseBody(IMAGES_BODY, await readJson(c)).images, pixels);
  return { x, n: x.length / pixels, png };
}

/** The PNG's pixels, if it is one image of `side` x `side` with `channels` channels (1: gray, 3: RGB). */
function pngInput(bytes: Uint8Array, side: number, channels: number): Float32Array {
  let image;
  try {
    // The size first: a PNG's pixels are inflated only for one that can be the model's input.
    const { width, height } = pngSize(bytes);
    if (width !== side || height !== side) {
      throw new HttpError(400, `the image must be ${side}x${side} pixels, got ${width}x${height}`);
    }
    image = decodePng(bytes, side * side);
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw new HttpError(400, `the body is not a PNG image: ${(e as Error).message}`);
  }
  if (image.channels !== channels) {
    const wanted = channels === 1 ? "grayscale (1 channel)" : `RGB (${channels} channels)`;
    throw new HttpError(400, `the image must be ${wanted}, got ${image.channels} channels`);
  }
  return Float32Array.from(image.pixels, (v) => v / 127.5 - 1);
}

/** The JSON images' pixels, each of `pixels` values. */
function jsonInput(images: number[][], pixels: number): Float32Array {
  const wrong = images.findIndex((image) => image.length !== pixels);
  if (wrong >= 0) {
    throw new HttpError(400, `images[${wrong}] must hold ${pixels} pixels, got ${images[wrong].length}`);
  }
  return Float32Array.from(images.flat(), (v) => 2 * v - 1);
}
