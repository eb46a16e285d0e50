/**
 * A training checkpoint: a directory of three files that together resume a
 * run exactly.
 *
 *   model.safetensors      the weights, named like `G/dense1/kernel`
 *   optimizer.safetensors  the optimizer's state tensors
 *   config.json            the caller's config (architecture, data and
 *                          training flags) and the training state:
 *                          iterations, epoch, RNG state and whatever
 *                          else it passes
 *
 * The three must agree, so a save writes a complete sibling directory and
 * then swaps it in; the previous checkpoint is deleted only after that.
 */
import { join } from "node:path";
import type { RngState } from "../random.ts";
import { leftoversOf, removeTree, replaceDir, syncDir, writeFileSynced } from "./atomic.ts";
import { decodeTensors, encodeTensors, type Tensors } from "./tensors.ts";

export interface TrainState {
  /** Training iterations done. */
  iterations: number;
  epoch: number;
  rng: RngState;
  [more: string]: unknown;
}

export interface Checkpoint {
  config: Record<string, unknown>;
  state: TrainState;
  weights: Tensors;
  optimizer: Tensors;
}

export interface SaveOptions {
  /** Store the weights as float16: half the size, for shipping a trained model. */
  fp16?: boolean;
}

const MODEL = "model.safetensors";
const OPTIMIZER = "optimizer.safetensors";
const CONFIG = "config.json";
const FORMAT = "edgegan-checkpoint/1"; // change when the layout changes

export async function saveCheckpoint(
  dir: string,
  checkpoint: Checkpoint,
  options: SaveOptions = {},
): Promise<void> {
  const temp = `${dir}.tmp-${Deno.pid}`;
  await removeTree(temp); // left by a crashed save of an earlier process with our pid
  await Deno.mkdir(temp, { recursive: true });
  try {
    await writeFiles(temp, checkpoint, options);
  } catch (e) {
    await removeTree(temp).catch(() => {}); // report the error that stopped the save
    throw e;
  }
  await replaceDir(temp, dir);
}

/**
 * Puts back the previous checkpoint that a save cut short by a crash left
 * moved aside (see replaceDir), so the last complete checkpoint is where it
 * belongs, and deletes the half-written copies of saves that crashed
 * earlier. For the run's own process, before it saves: no save of another
 * process may be under way.
 */
export async function restoreInterruptedSave(dir: string): Promise<void> {
  // Several crashes leave several copies: the one furthest along is the last complete checkpoint.
  const iterations = async (path: string) =>
    (await readConfig(path).catch(() => undefined))?.state.iterations ?? -1;
  const leftovers = await Promise.all(
    (await leftoversOf(dir)).map(async (path) => ({ path, iterations: await iterations(path) })),
  );
  const [newest, ...stale] = leftovers.sort((a, b) => b.iterations - a.iterations).map(({ path }) => path);
  if (newest && !(await Deno.stat(dir).then(() => true, () => false))) await Deno.rename(newest, dir);
  else if (newest) stale.push(newest);
  await Promise.all([...stale, ...await leftoversOf(dir, "tmp")].map(removeTree));
}

/** A whole checkpoint, to resume training from. */
export function loadCheckpoint(dir: string): Promise<Checkpoint> {
  return readConsistently(dir, async () => ({
    weights: await readTensors(dir, MODEL),
    optimizer: await readTensors(dir, OPTIMIZER),
  }));
}

/** A checkpoint without its optimizer state: what sampling and evaluation need. */
export function loadWeights(dir: string): Promise<Omit<Checkpoint, "optimizer">> {
  return readConsistently(dir, async () => ({ weights: await readTensors(dir, MODEL) }));
}

/** Reads of a checkpoint that a save may be swapping out meanwhile, before one gives up. */
const READS = 5;

/**
 * The config and state, and what `read` reads between two reads of the
 * config: a save swapping the checkpoint meanwhile (a run still training)
 * shows as a changed or missing config.json, and the read starts over.
 */
async function readConsistently<T>(
  dir: string,
  read: () => Promise<T>,
): Promise<T & Pick<Checkpoint, "config" | "state">> {
  for (let attempt = 1;; attempt++) {
    try {
      const before = await readPart(dir, CONFIG);
      const head = parseConfig(dir, before);
      const tensors = await read();
      const after = await readPart(dir, CONFIG);
      if (before.length === after.length && before.every((byte, i) => byte === after[i])) {
        return { ...head, ...tensors };
      }
      if (attempt === READS) throw new Error(`checkpoint ${dir} changed on each of ${READS} reads`);
    } catch (e) {
      if (!(e instanceof MissingPart) || attempt === READS) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
}

async function writeFiles(
  dir: string,
  { config, state, weights, optimizer }: Checkpoint,
  options: SaveOptions,
) {
  await writeFileSynced(join(dir, MODEL), encodeTensors(weights, { fp16: options.fp16 }));
  await writeFileSynced(join(dir, OPTIMIZER), encodeTensors(optimizer));
  await writeFileSynced(join(dir, CONFIG), JSON.stringify({ format: FORMAT, config, state }, null, 2) + "\n");
  await syncDir(dir);
}

/** The config and training state alone, without reading the tensors. */
export async function readConfig(dir: string): Promise<Pick<Checkpoint, "config" | "state">> {
  return parseConfig(dir, await readPart(dir, CONFIG));
}

function parseConfig(dir: string, bytes: Uint8Array): Pick<Checkpoint, "config" | "state"> {
  return parsing(join(dir, CONFIG), () => {
    const parsed = JSON.parse(new TextDecoder().decode(bytes));
    if (parsed?.format !== FORMAT) throw new Error(`format ${parsed?.format}, expected ${FORMAT}`);
    return { config: parsed.config, state: withCurrentNames(parsed.state) };
  });
}

/** The state's counts as checkpoints saved before each was named by what it counts call them. */
const OLD_NAMES: Record<string, string> = {
  step: "iterations",
  iteration: "epochIterations",
  adamSteps: "adamUpdates",
};

function withCurrentNames(saved: Record<string, unknown>): TrainState {
  return Object.fromEntries(
    Object.entries(saved).map(([key, value]) => [OLD_NAMES[key] ?? key, value]),
  ) as TrainState;
}

async function readTensors(dir: string, file: string): Promise<Tensors> {
  const bytes = await readPart(dir, file);
  return parsing(join(dir, file), () => decodeTensors(bytes));
}

/** Runs `parse`, naming the file in any error it throws. */
function parsing<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** A file of the checkpoint is not there: a save may be swapping the folder. */
class MissingPart extends Error {}

/** Reads one file of the checkpoint; if it is absent, the error says what is missing. */
async function readPart(dir: string, file: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(join(dir, file));
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new MissingPart(await missingMessage(dir, file), { cause: e });
  }
}

async function missingMessage(dir: string, file: string): Promise<string> {
  const dirExists = await Deno.stat(dir).then(() => true, () => false);
  if (dirExists) return `checkpoint ${dir} is missing ${file}`;
  const [leftover] = await leftoversOf(dir);
  return `no checkpoint at ${dir}` +
    (leftover ? ` (a save was interrupted; the previous checkpoint is at ${leftover})` : "");
}
