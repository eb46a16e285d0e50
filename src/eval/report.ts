/**
 * What `deno task eval` leaves in DIR/eval/: report.json (every number),
 * report.txt (the table that was printed) and the evaluation's pictures.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../checkpoint/atomic.ts";
import type { Image } from "../image/image.ts";
import { encodePng } from "../image/png.ts";

/** A report, and pictures by file name. */
export interface Evaluation<Report> {
  report: Report;
  pictures: Record<string, Image>;
}

/** Writes the report files into `dir/eval/`; returns that folder. */
export async function writeReport(
  dir: string,
  report: unknown,
  table: string,
  pictures: Record<string, Image>,
): Promise<string> {
  const out = join(dir, "eval");
  await Deno.mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, "report.json"), JSON.stringify(report, null, 2) + "\n");
  await writeFileAtomic(join(out, "report.txt"), table);
  for (const [name, image] of Object.entries(pictures)) {
    await writeFileAtomic(join(out, name), encodePng(image));
  }
  return out;
}
