/** What every dataset loader returns. */

/** One split: `n` samples laid out one after another in `x` (NHWC for images). */
export interface Split {
  x: Float32Array;
  labels?: Int32Array;
  n: number;
}

export interface Dataset {
  /** "mnist", "fashion-mnist", "stacked-mnist", "ring8", "grid25", a folder's name or a CSV file's name. */
  name: string;
  kind: "image" | "points" | "table";
  /** One sample: [h, w, c] for images, [2] for points, [columns] for tables. */
  shape: number[];
  /** The split's members are fixed (the same every run); only the order of train depends on the seed. */
  train: Split;
  test: Split;
  /** Label names, when the samples are labelled by class (Stacked MNIST's labels are its 1,000 modes). */
  classes?: string[];
  /** Toy mixtures: the mode centres and their standard deviation, for evaluation. */
  modes?: number[][];
  std?: number;
  /** Tables: the column names. */
  columns?: string[];
  /** Tables: samples (rows of z-scores) back to the original units. */
  denormalize?(x: Float32Array): Float32Array;
}

export interface LoadOptions {
  /** Images: side of the square images (default 28); MNIST-likes are resized bilinearly. */
  imageSize?: 28 | 32 | 64;
  /** Images: 1 (gray) or 3 (RGB; gray is replicated). Default 1, or 3 for a folder with colour. */
  channels?: 1 | 3;
  /** Orders the training split (default 0). */
  seed?: number;
  /** Where converted MNIST-likes are cached (default .cache/data in the repository). */
  cacheDir?: string;
}
