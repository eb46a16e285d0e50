/**
 * The body of POST /api/jobs: the options of `deno task train` as JSON,
 * e.g. `{"data": "fashion-mnist", "epochs": 5, "conditional": true}`, checked
 * by the CLI's own parser and run config.
 */
import type { BackendName } from "../backend/select.ts";
import { FlagError, parseFlags } from "../cli/flags.ts";
import { FLAGS, type RunConfig, runConfig, runtimeOptions } from "../train/run_config.ts";
import { HttpError } from "./http_error.ts";
import { jsonObject } from "./json_body.ts";

/** Every training flag but where the run lives: the server puts each job's run in its runs folder. */
export const JOB_FLAGS = FLAGS.filter(({ name }) => name !== "out" && name !== "resume");

export interface JobRequest {
  /** `deno task train`'s arguments for the job, all but --out. */
  args: string[];
  /** What they resolve to. */
  run: RunConfig;
  backend?: BackendName;
  threads: number;
}

export function parseJobOptions(body: unknown): JobRequest {
  const options = jsonObject(body, JOB_FLAGS.map(({ name }) => name));
  const args = Object.entries(options).map(([name, value]) => toArg(name, value));
  try {
    const flags = parseFlags(JOB_FLAGS, args);
    const { backend, threads } = runtimeOptions(flags);
    const run = runConfig(flags);
    if (threads !== undefined) return { args, run, backend, threads };
    // By default one core stays with the server, to sample while the job trains.
    const fewer = Math.max(1, navigator.hardwareConcurrency - 1);
    return { args: [...args, `--threads=${fewer}`], run, backend, threads: fewer };
  } catch (e) {
    if (e instanceof FlagError) throw new HttpError(400, e.message);
    throw e;
  }
}

function toArg(name: string, value: unknown): string {
  if (typeof value === "boolean") return value ? `--${name}` : `--no-${name}`;
  if (typeof value === "number" || typeof value === "string") return `--${name}=${value}`;
  throw new HttpError(400, `${name} must be a string, number or boolean, got ${JSON.stringify(value)}`);
}
