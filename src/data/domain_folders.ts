/**
 * A folder holding `A/` and `B/` of .png images, as image-to-image models
 * take them: pix2pix pairs the two by file name, CycleGAN leaves them
 * unpaired. Either way every image is square, of one side that the networks
 * can halve twice, and each folder keeps its last 10% by name for testing.
 */
import { join } from "node:path";
import { type Image, isGray } from "../image/image.ts";
import { pngsIn, readPng } from "./folder.ts";
import { imageDataset, splitGroups } from "./images.ts";
import { orderSplits } from "./split.ts";
import type { Dataset } from "./types.ts";

/** The networks halve the side twice, and SSIM's window is 7 pixels: sides are multiples of 4, 8 at least. */
const SIDE_STEP = 4, MIN_SIDE = 8;

export interface Domain {
  /** File names, sorted, and their images. */
  names: string[];
  images: Image[];
}

/** `dir/A` and `dir/B`, read whole; an error names the folder or file that is wrong. */
export async function readDomains(dir: string): Promise<{ A: Domain; B: Domain }> {
  const [A, B] = await Promise.all(["A", "B"].map(async (side) => {
    const folder = join(dir, side);
    const files = await pngsIn(folder).catch((e) => {
      throw new Error(`${folder}: ${(e as Error).message}`);
    });
    if (files.length < 2) throw new Error(`${folder}: needs 2 .png images at least, found ${files.length}`);
    return {
      names: files.map((file) => file.slice(folder.length + 1)),
      images: await Promise.all(files.map(readPng)),
    };
  }));
  checkSides(dir, { A, B });
  return { A, B };
}

function checkSides(dir: string, domains: { A: Domain; B: Domain }): void {
  const first = join(dir, "A", domains.A.names[0]), { width: side } = domains.A.images[0];
  for (const [folder, { names, images }] of Object.entries(domains)) {
    const wrong = images.findIndex((image) => image.width !== side || image.height !== side);
    if (wrong >= 0) {
      const { width, height } = images[wrong];
      throw new Error(
        `${
          join(dir, folder, names[wrong])
        } is ${width}x${height}: every image must be ${side}x${side}, as ${first} is`,
      );
    }
  }
  if (side % SIDE_STEP !== 0 || side < MIN_SIDE) {
    throw new Error(
      `${dir}: images are ${side}x${side}; the side must be a multiple of ${SIDE_STEP} and ${MIN_SIDE} at least`,
    );
  }
}

/** One domain's images as a dataset: gray or RGB as they are, its test split the last 10% by name. */
export function domainDataset({ images }: Domain, name: string, seed: number): Dataset {
  const channels = images.every(isGray) ? 1 : 3;
  return orderSplits(imageDataset(name, splitGroups([images], 0.1), images[0].width, channels), seed);
}
