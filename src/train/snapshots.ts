/**
 * What a run shows of itself as it trains: each epoch, the generator's output
 * for fixed noise (an image grid, or a plot for 2-D points) in
 * samples/epoch-NNN.png; at the end, those side by side in samples/strip.png,
 * and for tables samples.csv in the data's own units.
 */
import * as tf from "@tensorflow/tfjs-core";
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import { type Dataset, toCsv } from "../data/mod.ts";
import { hstack, imageGrid } from "../image/grid.ts";
import { decodePng, encodePng } from "../image/png.ts";
import { type CodeValues, hasCodes, withCodes } from "../models/codes.ts";
import { latentWidth, type ModelConfig } from "../models/config.ts";
import type { Discriminator, Generator } from "../models/networks.ts";
import { Rng } from "../random.ts";
import { oneHot } from "../models/labels.ts";
import { type NoiseBatch, noiseBatch } from "./batches.ts";
import { epochPictureName, epochPictures } from "./epoch_pictures.ts";
import { drawToyPlot, pixelCentres } from "../image/toy_plot.ts";

const COLUMNS = 8;
const POINTS = 1024;
const TABLE_ROWS = 1000;
const PLOT_SIDE = 256;
/** The strip shows at most this many epochs, evenly spread, the last included. */
const STRIP_MAX = 10;
/** Points judged per discriminator call while drawing its surface, to bound memory. */
const CHUNK = 8192;

/** The fixed noise lives apart from the training stream, so sampling never shifts it. */
const NOISE_SEED = 0x5a3b1e;

/** InfoGAN's grids sweep each continuous code over [-SWEEP, SWEEP], past its prior's [-1, 1], as the paper's do. */
const SWEEP = 2;

export class Snapshots {
  readonly #out: string;
  readonly #dir: string;
  readonly #z: tf.Tensor;
  readonly #labels?: tf.Tensor;
  readonly #columns: number;

  constructor(out: string, readonly dataset: Dataset, readonly config: ModelConfig, seed: number) {
    this.#out = out;
    this.#dir = join(out, "samples");
    const rng = Rng.seeded(NOISE_SEED + seed);
    const noise = dataset.kind === "image" && hasCodes(config.codes)
      ? codeSweeps(config, rng)
      : fixedNoise(dataset.kind, config, rng);
    this.#z = noise.z;
    this.#labels = noise.fakeLabels;
    this.#columns = COLUMNS * (hasCodes(config.codes) ? Math.max(1, config.codes.continuous) : 1);
  }

  /** samples/epoch-NNN.png after epoch `epoch` (1-based); tables have none. */
  async epoch(epoch: number, G: Generator, D: Discriminator): Promise<void> {
    if (this.dataset.kind === "table") return;
    const image = this.dataset.kind === "image" ? await this.#grid(G) : await this.#plot(G, D);
    await Deno.mkdir(this.#dir, { recursive: true });
    await writeFileAtomic(join(this.#dir, epochPictureName(epoch)), encodePng(image));
  }

  /** The end of the run: the strip of epoch pictures, or a table's samples. */
  async finish(G: Generator): Promise<void> {
    if (this.dataset.kind === "table") await this.#table(G);
    else await this.#strip();
  }

  dispose(): void {
    tf.dispose([this.#z, ...(this.#labels ? [this.#labels] : [])]);
  }

  async #generate(G: Generator): Promise<Float32Array> {
    const x = tf.tidy(() => G.apply(this.#z, this.#labels, false));
    const values = await x.data() as Float32Array;
    x.dispose();
    return values;
  }

  async #grid(G: Generator) {
    const [h, w, c] = this.config.shape;
    return imageGrid(await this.#generate(G), this.#z.shape[0], h, w, c as 1 | 3, this.#columns);
  }

  async #plot(G: Generator, D: Discriminator) {
    const extent = 1.5 * Math.max(...this.dataset.modes!.flat().map(Math.abs));
    return drawToyPlot({
      side: PLOT_SIDE,
      extent,
      surface: await judgePlane(D, this.config.pack, extent),
      real: this.dataset.test.x.subarray(0, 2 * POINTS),
      fake: await this.#generate(G),
    });
  }

  async #strip() {
    const entries = await Array.fromAsync(Deno.readDir(this.#dir)).catch(() => []);
    const files = epochPictures(entries.map((e) => e.name)).map(({ name }) => name);
    if (files.length === 0) return;
    const step = Math.max(1, Math.ceil(files.length / STRIP_MAX));
    const chosen = files.filter((_, i) => (files.length - 1 - i) % step === 0);
    const images = await Promise.all(
      chosen.map(async (name) => decodePng(await Deno.readFile(join(this.#dir, name)))),
    );
    await writeFileAtomic(join(this.#dir, "strip.png"), encodePng(hstack(images)));
  }

  async #table(G: Generator) {
    const { columns, denormalize } = this.dataset;
    const rows = denormalize!(await this.#generate(G));
    await writeFileAtomic(join(this.#out, "samples.csv"), toCsv(columns!, rows, this.#z.shape[0]));
  }
}

/** The noise, and labels, that every picture (or the table's samples) is drawn from. */
function fixedNoise(kind: Dataset["kind"], config: ModelConfig, rng: Rng): NoiseBatch {
  if (kind !== "image") return noiseBatch(rng, kind === "points" ? POINTS : TABLE_ROWS, config);
  if (!config.classes) return noiseBatch(rng, COLUMNS * COLUMNS, config);
  // One row per class with the same z down each column: along a column only the label changes.
  const n = config.classes * COLUMNS, zs = rng.normals(COLUMNS * config.latent);
  return {
    z: tf.tensor2d(Float32Array.from({ length: n * config.latent }, (_, i) => zs[i % zs.length]), [
      n,
      config.latent,
    ]),
    fakeLabels: oneHot(Int32Array.from({ length: n }, (_, i) => Math.floor(i / COLUMNS)), config.classes),
  };
}

/**
 * InfoGAN's grid in the paper's layout: a row per value of the first
 * categorical code (or per z, without one), and for each continuous code a
 * panel of COLUMNS columns that sweeps it from -SWEEP to SWEEP with one z
 * throughout, the other codes held at their first value or 0. Without
 * continuous codes, each column has a z of its own.
 */
function codeSweeps(config: ModelConfig, rng: Rng): NoiseBatch {
  const { codes, latent } = config;
  const rows = codes.categorical[0] ?? COLUMNS, panels = Math.max(1, codes.continuous);
  const z = rng.normals(Math.max(rows, COLUMNS) * latent);
  const noise = new Float32Array(rows * panels * COLUMNS * latent);
  const values: CodeValues[] = [];
  for (let row = 0; row < rows; row++) {
    for (let panel = 0; panel < panels; panel++) {
      for (let column = 0; column < COLUMNS; column++) {
        const at = (row * panels + panel) * COLUMNS + column;
        const zRow = !codes.continuous ? column : codes.categorical.length ? 0 : row;
        noise.set(z.subarray(zRow * latent, (zRow + 1) * latent), at * latent);
        const continuous = new Array<number>(codes.continuous).fill(0);
        if (codes.continuous) continuous[panel] = -SWEEP + (2 * SWEEP * column) / (COLUMNS - 1);
        values.push({ categories: codes.categorical.map((_, k) => k === 0 ? row : 0), continuous });
      }
    }
  }
  const n = values.length;
  const labels = config.classes
    ? { fakeLabels: oneHot(new Int32Array(n), config.classes) } // a conditional InfoGAN: its first class
    : {};
  return { z: tf.tensor2d(withCodes(noise, latent, codes, values), [n, latentWidth(config)]), ...labels };
}

/** D's output, as a probability, at each pixel centre of the plot, each point repeated to fill a pack. */
async function judgePlane(D: Discriminator, pack: number, extent: number): Promise<Float32Array> {
  const centres = pixelCentres(PLOT_SIDE, extent);
  const points = new Float32Array(PLOT_SIDE * PLOT_SIDE * 2);
  for (let row = 0; row < PLOT_SIDE; row++) {
    for (let col = 0; col < PLOT_SIDE; col++) {
      points.set([centres[col], -centres[row]], (row * PLOT_SIDE + col) * 2);
    }
  }
  const surface = new Float32Array(PLOT_SIDE * PLOT_SIDE);
  for (let first = 0; first < surface.length; first += CHUNK) {
    const part = points.subarray(2 * first, 2 * Math.min(surface.length, first + CHUNK));
    const p = tf.tidy(() => {
      const x = tf.tensor2d(part, [part.length / 2, 2]);
      const packed = tf.reshape(tf.tile(x, [1, pack]), [-1, 2]);
      return tf.sigmoid(D.head(D.features(packed, undefined, false), undefined));
    });
    surface.set(await p.data(), first);
    p.dispose();
  }
  return surface;
}
