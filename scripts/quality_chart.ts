/**
 * deno task quality-chart [--out DIR]: quality per CPU-minute. Trains the
 * default recipe, the same without labels and the reference DCGAN on MNIST, each as one run resumed
 * at every budget in MINUTES (a resumed run continues exactly, so each point
 * is the same run stopped earlier), evaluates the run at each, and writes
 * DIR/points.json and DIR/quality.svg: confident share and FID against
 * minutes of training. A point whose report exists is read, not retrained.
 */
import { join } from "node:path";
import * as z from "zod/mini";
import { writeFileAtomic } from "../src/checkpoint/atomic.ts";
import { readConfig } from "../src/checkpoint/checkpoint.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { option } from "../src/options/options.ts";
import { lineChartSvg, type Series, svgToPng } from "./line_chart.ts";
import { denoTask, finishSweep, REFERENCE_DCGAN, SweepError } from "./runs.ts";

const MINUTES = [1, 2, 5, 10, 20];

/** The recipes: the default (projection on the labels), the image recipe without them, and the reference. */
const RECIPES: Record<string, string[]> = {
  "default recipe": [],
  "the recipe without labels": ["--no-conditional"],
  "reference DCGAN": REFERENCE_DCGAN,
};

interface Point {
  recipe: string;
  minutes: number;
  iterations: number;
  confident: number;
  fid: number;
  kl: number;
  /** The same metrics of the real test digits: the floor. */
  real: { confident: number; fid: number };
}

const COLOURS = ["#1f5fbf", "#2a9d4a", "#d0552a"];

/** Confident share and FID against minutes, one line per recipe, with the real digits' floor. */
function chart(points: Point[]): string {
  const recipes = [...new Set(points.map((p) => p.recipe))];
  const series = (metric: "confident" | "fid"): Series[] =>
    recipes.map((name, i) => ({
      name,
      colour: COLOURS[i],
      points: points.filter((p) => p.recipe === name).map((p) => [p.minutes, p[metric]]),
    }));
  const { real } = points[0];
  const worstFid = Math.max(...points.map((p) => p.fid));
  return lineChartSvg(
    [
      {
        title: "MNIST: share of samples judged confidently (p > 0.9)",
        y: [0, 1],
        floor: { value: real.confident, label: `real test digits ${real.confident.toFixed(3)}` },
        series: series("confident"),
      },
      {
        title: "FID in the classifier's features (lower is better)",
        y: [0, Math.ceil(worstFid / 50) * 50],
        floor: { value: real.fid, label: `real test digits ${real.fid.toFixed(1)}` },
        series: series("fid"),
      },
    ],
    "minutes of training on 2 vCPUs",
    MINUTES,
  );
}

/** The report of `run` trained to `minutes`, from its copy if measured already. */
async function point(recipe: string, run: string, flags: string[], minutes: number): Promise<Point> {
  const saved = join(run, `eval-${minutes}min.json`);
  let report = await Deno.readTextFile(saved).then(JSON.parse, () => undefined);
  if (!report) {
    // Where quality-chart last left the run: the minutes it was trained to (a budget its clock always
    // passes by a little) and the iterations its checkpoint then held.
    const marker = join(run, "trained-to.json");
    const left: { minutes: number; iterations: number } | undefined = await Deno.readTextFile(marker)
      .then(JSON.parse, () => undefined);
    const checkpoint = () => readConfig(join(run, "checkpoint")).then(({ state }) => state, () => undefined);
    const now = await checkpoint();
    // A checkpoint moved on since: a train toward this point cut short (resumed below), or one past this
    // point by another hand, at no point this chart knows.
    if (now && now.iterations !== left?.iterations && (now.elapsed as number) >= minutes * 60) {
      throw new SweepError(
        `${run} holds a checkpoint past ${minutes} minutes that quality-chart did not leave`,
      );
    }
    // A run already past this point cannot be measured at it: resumed, it would train nothing.
    if (left && left.minutes > minutes) {
      throw new SweepError(
        `${run} has trained to ${left.minutes} minutes, past ${minutes}: use another --out`,
      );
    }
    if (left?.minutes !== minutes || now?.iterations !== left.iterations) {
      await denoTask(
        now
          ? ["train", "--resume", run, "--minutes", String(minutes)]
          : ["train", ...flags, "--minutes", String(minutes), "--out", run],
      );
      await writeFileAtomic(
        marker,
        JSON.stringify({ minutes, iterations: (await checkpoint())!.iterations }),
      );
    }
    await denoTask(["eval", "--run", run]);
    report = JSON.parse(await Deno.readTextFile(join(run, "eval", "report.json")));
    await writeFileAtomic(saved, JSON.stringify(report));
  }
  const { samples, real, iterations } = report;
  return {
    recipe,
    minutes,
    iterations,
    confident: samples.confident,
    fid: samples.fid,
    kl: samples.coverage.kl,
    real: { confident: real.confident, fid: real.fid },
  };
}

if (import.meta.main) {
  const COMMAND = "deno task quality-chart";
  const { out } = parseCommandLine(
    COMMAND,
    "Quality against minutes of training, for the default recipe, the same without labels and the reference DCGAN.",
    z.strictObject({ out: option(z.string(), "where the runs, points and chart go", "runs/quality") }),
    Deno.args,
  );
  const points: Point[] = [];
  await finishSweep(
    COMMAND,
    (async () => {
      for (const [recipe, flags] of Object.entries(RECIPES)) {
        const run = join(out, recipe.replaceAll(" ", "-"));
        for (const minutes of MINUTES) {
          const p = await point(recipe, run, flags, minutes);
          points.push(p);
          console.log(`${recipe}, ${minutes} min: ${JSON.stringify(p)}`);
          await Deno.writeTextFile(join(out, "points.json"), JSON.stringify(points, null, 2));
          // Drawn after every point, so a long measurement shows where it got to.
          const svg = chart(points);
          await Deno.writeTextFile(join(out, "quality.svg"), svg);
          await Deno.writeFile(join(out, "quality.png"), await svgToPng(svg));
        }
      }
    })(),
  );
  console.log(`chart in ${join(out, "quality.png")}`);
}
