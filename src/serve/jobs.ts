/**
 * Training jobs: each `deno task train` with the job's options, in a worker
 * process of its own, writing into its folder of the runs folder and
 * followed through the files it writes. A process rather than a thread: a
 * terminated thread leaves the kernel pool's threads behind, and a killed
 * process takes everything it started with it. A job ends finished, failed,
 * or stopped (saving a checkpoint as Ctrl-C does); its run is then one of the
 * models the server samples.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError } from "./http_error.ts";
import { restoreInterruptedSave } from "../checkpoint/checkpoint.ts";
import { JobFeed } from "./job_feed.ts";
import { runModelId } from "./model_id.ts";
import type { JobRequest } from "./job_options.ts";
import { RunWatcher } from "./run_watch.ts";

export type JobStatus = "running" | "finished" | "failed" | "stopped";

/** How often a running job's files are read for new metrics and pictures. */
const POLL_MS = 500;
const TRAIN_CLI = fileURLToPath(new URL("../cli/train.ts", import.meta.url));
const CONFIG = fileURLToPath(new URL("../../deno.json", import.meta.url));
/** A job's process: `deno run` on the train CLI, or the `edgegan` executable's own train command. */
const TRAIN_ARGS = Deno.build.standalone ? ["train"] : ["run", "-A", `--config=${CONFIG}`, TRAIN_CLI];
/** How long a stopped job's run may take to save its checkpoint before it is killed. */
const STOP_GRACE_MS = 20_000;
/**
 * The exit codes of a run stopped by a signal, 128 + its number: SIGTERM (it saved, src/cli/train.ts),
 * SIGKILL, or SIGINT, which a Ctrl-C at the server's terminal sends the job's process too.
 */
const STOPPED_CODES = [143, 137, 130];
/** Characters of the job's stderr kept, to say why it failed. */
const STDERR_TAIL = 4096;

export class Job {
  status: JobStatus = "running";
  error?: string;
  /** The run's model id, once the job is over and its run has a checkpoint to sample. */
  model: string | null = null;
  readonly created = new Date();
  ended?: Date;
  readonly feed = new JobFeed();
  readonly #process: Deno.ChildProcess;
  readonly #watcher: RunWatcher;
  readonly #timer: ReturnType<typeof setInterval>;
  /** The job's end, when its process exits: by itself, or stopped. */
  readonly #exit: Promise<void>;
  #stopping = false;

  constructor(readonly id: string, readonly out: string, readonly request: JobRequest) {
    this.#watcher = new RunWatcher(out, this.feed);
    this.#process = new Deno.Command(Deno.execPath(), {
      args: [...TRAIN_ARGS, ...request.args, `--out=${out}`],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
      env: { NO_COLOR: "1" }, // plain error messages to pass on
    }).spawn();
    this.#exit = this.#exited().catch((e) => console.error(`job ${id}: ${e.message}`));
    this.#timer = setInterval(() => this.#watcher.poll(), POLL_MS);
    this.feed.publish("status", this.view(), "latest");
  }

  /**
   * Stops the training process and waits for the job's end. SIGTERM: the run saves a checkpoint after its
   * iteration and exits; SIGKILL if it does not in time. The run keeps its last checkpoint.
   */
  async stop(): Promise<void> {
    if (this.status !== "running") throw new HttpError(409, `job ${this.id} is not running`);
    if (this.#stopping) throw new HttpError(409, `job ${this.id} is stopping`);
    this.#stopping = true;
    const late = setTimeout(() => this.#kill("SIGKILL"), STOP_GRACE_MS);
    this.#kill("SIGTERM");
    await this.#exit;
    clearTimeout(late);
  }

  view() {
    const { run, backend, threads } = this.request;
    return {
      id: this.id,
      status: this.status,
      ...(this.error ? { error: this.error } : {}),
      created: this.created.toISOString(),
      ended: this.ended?.toISOString() ?? null,
      model: this.model,
      run,
      backend: backend ?? null,
      threads,
      events: `/api/jobs/${this.id}/events`,
    };
  }

  /**
   * Ends the job as its process exited: stopped (a signal's exit code, STOPPED_CODES, once asked to
   * stop), finished, or failed with the reason it printed, even if a stop was asked meanwhile.
   */
  async #exited(): Promise<void> {
    let stderr = "";
    try {
      for await (const text of this.#process.stderr.pipeThrough(new TextDecoderStream())) {
        stderr = (stderr + text).slice(-STDERR_TAIL);
      }
    } catch {
      // what was read is all there is to say why; the job must still end
    }
    const { success, code } = await this.#process.status;
    if (this.#stopping && STOPPED_CODES.includes(code)) return await this.#end("stopped");
    await this.#end(success ? "finished" : "failed", success ? undefined : failure(stderr));
  }

  async #end(status: JobStatus, error?: string): Promise<void> {
    clearInterval(this.#timer);
    let saved = false;
    // Whatever fails on the way, the job ends: a job left "running" would refuse every later one.
    try {
      // A run killed mid-save (stopped, or by anything else) leaves its checkpoint in two parts: put it back.
      await restoreInterruptedSave(join(this.out, "checkpoint"));
      await this.#watcher.poll(); // what the run wrote last
      saved = await Deno.stat(join(this.out, "checkpoint")).then(() => true, () => false);
    } finally {
      Object.assign(this, { status, error, ended: new Date(), model: saved ? runModelId(this.id) : null });
      this.feed.publish("status", this.view(), "latest");
      this.feed.close();
    }
  }

  /** Sends `signal`, unless the process has already exited (Deno throws then). */
  #kill(signal: Deno.Signal): void {
    try {
      this.#process.kill(signal);
    } catch {
      // it has exited: #exited ends the job as it did
    }
  }
}

export class Jobs {
  readonly #jobs = new Map<string, Job>();

  constructor(readonly runsDir: string) {}

  /** One job at a time: training takes every core it is given. */
  start(request: JobRequest): Job {
    const running = this.list().find((job) => job.status === "running");
    if (running) {
      throw new HttpError(409, `job ${running.id} is already running: stop it first (DELETE /api/jobs/:id)`);
    }
    const id = newJobId();
    const job = new Job(id, join(this.runsDir, id), request);
    this.#jobs.set(id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Newest first. */
  list(): Job[] {
    return [...this.#jobs.values()].reverse();
  }

  /** Whether a job of this server is training into `runDir`. */
  isTraining(runDir: string): boolean {
    return this.list().some((job) => job.status === "running" && job.out === runDir);
  }

  /** Stops every running job, as the server shuts down. */
  async stopAll(): Promise<void> {
    await Promise.allSettled(this.list().map((job) => job.stop())); // those not running refuse
  }
}

/** Why a run failed: the uncaught error's message, or else the last line the CLI printed. */
function failure(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim()).filter(Boolean);
  const uncaught = lines.find((line) => line.startsWith("error: "));
  return uncaught?.replace(/^error: (Uncaught (\(in promise\) )?)?/, "") ?? lines.at(-1) ??
    "the training process failed";
}

/** `job-<UTC date and time>-<random>`: sorts by time, and is a valid model id as runModelId makes it. */
function newJobId(): string {
  const time = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `job-${time}-${crypto.randomUUID().slice(0, 4)}`;
}
