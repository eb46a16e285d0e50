/**
 * Follows a training run through the files the trainer writes: each new
 * line of metrics.jsonl becomes a "metrics" event, each new
 * samples/epoch-NNN.png a "sample" event carrying the picture. Reading the
 * run's own files keeps the server independent of the trainer's internals.
 */
import { join } from "node:path";
import { epochPictures } from "../train/epoch_pictures.ts";
import type { JobFeed } from "./job_feed.ts";

export class RunWatcher {
  #linesSent = 0;
  readonly #picturesSent = new Set<string>();
  #polling = Promise.resolve();

  constructor(readonly out: string, readonly feed: JobFeed) {}

  /** Publishes what the run wrote since the last poll; polls run one after another, and a failed one does not stop the next. */
  poll(): Promise<void> {
    this.#polling = this.#polling
      .then(() => this.#metrics())
      .then(() => this.#pictures())
      .catch((e) => console.error(`watching ${this.out}: ${e.message}`));
    return this.#polling;
  }

  async #metrics(): Promise<void> {
    const lines = (await Deno.readTextFile(join(this.out, "metrics.jsonl")).catch(() => "")).split("\n");
    lines.pop(); // "" after the last newline, or a line still being written
    for (const line of lines.slice(this.#linesSent)) {
      this.#linesSent++; // first: a line that is not JSON is reported once, and the lines before it sent once
      this.feed.publish("metrics", JSON.parse(line), "thinned");
    }
  }

  async #pictures(): Promise<void> {
    const dir = join(this.out, "samples");
    const names = await Array.fromAsync(Deno.readDir(dir), (e) => e.name).catch(() => []);
    for (const { name, epoch } of epochPictures(names).filter(({ name }) => !this.#picturesSent.has(name))) {
      const png = await Deno.readFile(join(dir, name));
      this.#picturesSent.add(name);
      const url = `data:image/png;base64,${png.toBase64()}`;
      this.feed.publish("sample", { epoch, png: url }, "latest");
    }
  }
}
