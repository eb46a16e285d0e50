/** Turning decoded 8-bit images into image datasets: fixed per-class splits, then NHWC in [-1, 1]. */
import { type Image, toChannels } from "../image/image.ts";
import { cropSquare, resize } from "../image/resize.ts";
import { testCount } from "./split.ts";
import type { Dataset, Split } from "./types.ts";

/** One split's images and their class indices, before conversion. */
export interface ImageSplit {
  images: Image[];
  labels: number[];
}

/** A dataset's fixed train and test splits, before conversion. */
export interface ImageSplits {
  train: ImageSplit;
  test: ImageSplit;
}

/** Each group is one class in a fixed order; its last `testFraction` goes to the test split. */
export function splitGroups(
  groups: Image[][],
  testFraction: number,
): ImageSplits {
  const cuts = groups.map((images) => images.length - testCount(images.length, testFraction));
  const part = (pick: (images: Image[], cut: number) => Image[]): ImageSplit => ({
    images: groups.flatMap((images, label) => pick(images, cuts[label])),
    labels: groups.flatMap((images, label) => pick(images, cuts[label]).map(() => label)),
  });
  return {
    train: part((images, cut) => images.slice(0, cut)),
    test: part((images, cut) => images.slice(cut)),
  };
}

/** An image dataset of `size` x `size` x `channels` samples; labels are kept only with `classes`. */
export function imageDataset(
  name: string,
  splits: ImageSplits,
  size: number,
  channels: 1 | 3,
  classes?: string[],
): Dataset {
  const toSplit = ({ images, labels }: ImageSplit): Split => ({
    x: toTensor(images, size, channels),
    labels: classes && Int32Array.from(labels),
    n: images.length,
  });
  return {
    name,
    kind: "image",
    shape: [size, size, channels],
    train: toSplit(splits.train),
    test: toSplit(splits.test),
    classes,
  };
}

/** NHWC float32 in [-1, 1]: each image converted to `channels`, cropped square and resized. */
function toTensor(images: Image[], size: number, channels: 1 | 3): Float32Array {
  const sampleSize = size * size * channels;
  const x = new Float32Array(images.length * sampleSize);
  images.forEach((image, i) => {
    // Gray stays one channel through resizing (a third of the work) and is replicated when written.
    const { width, height, pixels, channels: c } = image.channels === 1 ? image : toChannels(image, channels);
    const side = Math.min(width, height);
    const square = cropSquare(pixels, width, height, c);
    const values = side === size ? square : resize(square, side, side, c, size, size);
    const step = c === 1 ? 0 : 1;
    for (let p = 0, at = i * sampleSize; p < size * size; p++) {
      for (let k = 0; k < channels; k++) x[at++] = values[p * c + k * step] / 127.5 - 1;
    }
  });
  return x;
}
