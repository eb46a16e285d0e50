/**
 * The body of POST /api/jobs: the options of `deno task train` as JSON,
 * e.g. `{"data": "fashion-mnist", "epochs": 5, "conditional": "acgan"}`, checked
 * by the same schema and run config as the command line.
 */
import * as z from "zod/mini";
import { BACKEND_OPTIONS, type BackendName } from "../backend/options.ts";
import { OptionError, type Surface } from "../options/option_error.ts";
import { parseOptions } from "../options/options.ts";
import { type RunConfig, runConfig } from "../train/run_config.ts";
import { RUN_OPTIONS } from "../train/run_options.ts";
import { confineData } from "./data_root.ts";
import { HttpError } from "./http_error.ts";

/** Every training option but where the run lives: the server puts each job's run in its runs folder. */
export const JOB_OPTIONS = z.extend(RUN_OPTIONS, BACKEND_OPTIONS);

const FIELD_SURFACE: Surface = { noun: "field", name: (name) => name };

export interface JobRequest {
  /** `deno task train`'s arguments for the job, all but --out. */
  args: string[];
  /** What they resolve to. */
  run: RunConfig;
  backend?: BackendName;
  threads: number;
}

/** The job a body asks for, its `data` confined to the built-in datasets and `dataRoot`. */
export async function parseJobOptions(body: unknown, dataRoot: string): Promise<JobRequest> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, "the body must be a JSON object");
  }
  try {
    const { threads, backend, ...options } = parseOptions(JOB_OPTIONS, body as Record<string, unknown>);
    const data = await confineData(options.data, dataRoot);
    const run = runConfig({ ...options, data });
    const given = "data" in body ? { ...body, data } : body;
    const args = Object.entries(given).map(([name, value]) => toArg(name, value));
    if (threads !== undefined) return { args, run, backend, threads };
    // By default one core stays with the server, to sample while the job trains.
    const fewer = Math.max(1, navigator.hardwareConcurrency - 1);
    return { args: [...args, `--threads=${fewer}`], run, backend, threads: fewer };
  } catch (e) {
    if (e instanceof OptionError) throw new HttpError(400, e.render(FIELD_SURFACE));
    throw e;
  }
}

/** A checked field as `deno task train`'s flag. */
function toArg(
  name: string,
  value: z.output<typeof JOB_OPTIONS>[keyof z.output<typeof JOB_OPTIONS>],
): string {
  return typeof value === "boolean" ? (value ? `--${name}` : `--no-${name}`) : `--${name}=${value}`;
}
