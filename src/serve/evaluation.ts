/** The figures `deno task eval` measured for a model: eval/report.json in its folder, if it is there. */
import { join } from "node:path";

/** The report in `home`, a model's folder (a shipped model's, or a run's). */
export async function readEvaluation(home: string): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(join(home, "eval", "report.json")));
  } catch {
    return undefined; // no report (or none we can read): the model is listed without one
  }
}
