/**
 * The models the server samples: each checkpoint directory in the models
 * folder (shipped models) and each run's checkpoint in the runs folder,
 * except runs still training here. A model's id is its folder name in lower
 * case (a run's prefixed "run-"); requests only look ids up here, so an id
 * never becomes part of a path.
 */

import { join } from "node:path";
import { readConfig } from "../checkpoint/checkpoint.ts";
import { TOYS } from "../data/toy.ts";
import { runModelId, toModelId } from "./model_id.ts";
import { RUN_RECORD } from "../train/run_record.ts";
import { asTranslationRecord } from "../train/translation_record.ts";
import type { Entry } from "./model_entry.ts";

/** Folders a checkpoint save leaves while it swaps directories (see src/checkpoint/atomic.ts). */
const SAVE_LEFTOVER = /\.(tmp|old)-\d+$/;

export class Registry {
  /** Parsed configs by checkpoint directory; undefined for one that is not a model. */
  readonly #parsed = new Map<string, { modified: number; entry?: Entry }>();

  constructor(
    readonly modelsDir: string,
    readonly runsDir: string,
    /** Whether a run directory is being trained by this server (and so not finished). */
    readonly training: (runDir: string) => boolean = () => false,
  ) {}

  /** Shipped models by id, then runs, newest first. */
  async list(): Promise<Entry[]> {
    const models = await this.#scan(this.modelsDir, "shipped");
    const runs = await this.#scan(this.runsDir, "run");
    models.sort((a, b) => a.id.localeCompare(b.id));
    runs.sort((a, b) => b.modified - a.modified);
    const seen = new Set<string>();
    return [...models, ...runs].filter(({ id }) => !seen.has(id) && seen.add(id));
  }

  async find(id: string): Promise<Entry | undefined> {
    return (await this.list()).find((entry) => entry.id === id);
  }

  async #scan(folder: string, origin: Entry["origin"]): Promise<Entry[]> {
    const names = await Array.fromAsync(Deno.readDir(folder), (e) => e.name).catch((e) => {
      if (e instanceof Deno.errors.NotFound) return [];
      throw e;
    });
    const entries = await Promise.all(
      names.filter((name) => !SAVE_LEFTOVER.test(name)).map((name) => {
        const runDir = join(folder, name);
        if (origin === "run" && this.training(runDir)) return undefined;
        const id = origin === "run" ? runModelId(name) : toModelId(name);
        return this.#entry(id, origin, runDir, origin === "run" ? join(runDir, "checkpoint") : runDir);
      }),
    );
    return entries.filter((entry) => entry !== undefined);
  }

  /** The entry for the checkpoint in `dir`, parsed again only when its config changed. */
  async #entry(
    id: string,
    origin: Entry["origin"],
    home: string,
    dir: string,
  ): Promise<Entry | undefined> {
    const modified = (await Deno.stat(join(dir, "config.json")).catch(() => undefined))?.mtime?.getTime();
    if (modified === undefined) return undefined;
    const cached = this.#parsed.get(dir);
    if (cached?.modified === modified) return cached.entry;
    let entry: Entry | undefined;
    try {
      const { config, state } = await readConfig(dir);
      const base = { id, origin, home, dir, iterations: state.iterations, epoch: state.epoch, modified };
      // Checkpoints of other networks (the evaluation's classifiers) share the models folder.
      const record = RUN_RECORD.safeParse(config);
      const translation = asTranslationRecord(config);
      if (record.success) {
        const { data } = record.data.run;
        entry = {
          ...base,
          record: record.data,
          ...(Object.hasOwn(TOYS, data) ? { mixture: TOYS[data] } : {}),
        };
      } else if (translation) {
        entry = { ...base, translation };
      }
    } catch (e) {
      console.warn(`serve: skipping ${dir}: ${(e as Error).message}`);
    }
    this.#parsed.set(dir, { modified, entry });
    return entry;
  }
}
