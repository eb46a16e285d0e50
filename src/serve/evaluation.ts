/** The figures `deno task eval` measured for a model: eval/report.json in the model's folder, if it is there. */
import { join } from "node:path";
import type { ModelEntry } from "./registry.ts";

export async function readEvaluation({ home }: ModelEntry): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(join(home, "eval", "report.json")));
  } catch {
    return undefined; // no report (or none we can read): the model is listed without one
  }
}
