// The import graph: layers point one way (kernels ← backend ← ops/models ←
// sampling/train/eval ← serve/routes/edge/cli), folders never import each
// other, and what the browser and the edge bundle ship holds no training code.
import { fileURLToPath } from "node:url";
import { dirname, join, relative } from "node:path";
import { assert } from "./assert.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Each folder's layer, lowest first. A file may import its own folder and
 * lower layers; folders in one layer may import each other one way only.
 * Layer 3 is ordered too: sampling is what the browser and the edge run,
 * so it imports no training code, and eval measures what train made.
 */
const LAYERS: string[][] = [
  ["random", "bytes", "kernels", "image", "options", "checkpoint"],
  ["backend"],
  ["ops", "models", "data"],
  ["sampling"],
  ["train"],
  ["eval"],
  ["serve", "routes", "edge", "cli"],
  ["scripts", "site"],
];
const layerOf = new Map(LAYERS.flatMap((units, layer) => units.map((unit) => [unit, layer])));

/** What other folders may take from train: the record of a run, the names of its pictures, and the options that make one. */
const TRAIN_CONTRACT = [
  "src/train/run_record.ts",
  "src/train/epoch_pictures.ts",
  "src/train/run_config.ts",
  "src/train/run_options.ts",
  "src/train/translation_record.ts",
];

/** src/<folder>/... and src/<file>.ts by that name; anything else by its top folder. */
function unitOf(file: string): string {
  const parts = file.split("/");
  return parts[0] === "src" ? parts[1].replace(/\.ts$/, "") : parts[0];
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

async function sources(): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(join(ROOT, dir))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory) await walk(path);
      else if (path.endsWith(".ts")) files.push(path);
    }
  };
  for (const dir of ["src", "routes", "scripts", "site"]) await walk(dir);
  return files;
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?"(\.{1,2}\/[^"]+)"/gm;

async function imports(): Promise<Import[]> {
  const all: Import[] = [];
  for (const from of await sources()) {
    const text = await Deno.readTextFile(join(ROOT, from));
    for (const [, type, path] of text.matchAll(IMPORT)) {
      all.push({ from, to: relative(ROOT, join(ROOT, dirname(from), path)), typeOnly: Boolean(type) });
    }
  }
  return all;
}

const graph = await imports();

Deno.test("layering: the import graph is read (so that the checks below have something to check)", () => {
  assert(graph.length > 500, `${graph.length} imports read`);
  assert(graph.some(({ from, to }) => from === "src/cli/train.ts" && to === "src/train/trainer.ts"));
  for (const entry of SHIPPED) assert(reachedFrom(entry).size > 10, `${entry} reaches its modules`);
});

Deno.test("layering: every folder has a layer, and no file imports a higher one", () => {
  const wrong: string[] = [];
  for (const { from, to } of graph) {
    const [a, b] = [unitOf(from), unitOf(to)];
    assert(layerOf.has(a) && layerOf.has(b), `give ${layerOf.has(a) ? b : a} a layer in LAYERS`);
    if (layerOf.get(b)! > layerOf.get(a)!) wrong.push(`${from} imports ${to}`);
  }
  assert(wrong.length === 0, `imports against the layers:\n${wrong.join("\n")}`);
});

Deno.test("layering: no two folders import each other, however indirectly", () => {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of graph) {
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b));
  }
  const reaches = (start: string, goal: string, seen = new Set<string>()): boolean =>
    [...(next.get(start) ?? [])].some((unit) =>
      unit === goal || (!seen.has(unit) && (seen.add(unit), reaches(unit, goal, seen)))
    );
  const cycles = [...next.keys()].filter((unit) => reaches(unit, unit));
  assert(cycles.length === 0, `folders on an import cycle: ${cycles.join(", ")}`);
});

Deno.test("layering: below the entry points, folders take only the run record and run options from train", () => {
  // Types alone (the site's view of a job's metrics) couple no code.
  const wrong = graph.filter(({ from, to, typeOnly }) =>
    !typeOnly && unitOf(to) === "train" && !["train", "cli", "scripts"].includes(unitOf(from)) &&
    !TRAIN_CONTRACT.includes(to)
  );
  assert(wrong.length === 0, wrong.map(({ from, to }) => `${from} imports ${to}`).join("\n"));
});

/** The browser's and the edge worker's entry points. */
const SHIPPED = ["site/main.ts", "src/edge/worker.ts"];

/** The files that `entry` imports for their values, however indirectly, itself included. */
function reachedFrom(entry: string): Set<string> {
  const values = new Map<string, string[]>();
  for (const { from, to, typeOnly } of graph) {
    if (!typeOnly) values.set(from, [...(values.get(from) ?? []), to]);
  }
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    (values.get(file) ?? []).forEach(visit);
  };
  visit(entry);
  return reached;
}

Deno.test("layering: the browser's and the edge worker's code reach no training, CLI or Deno-only serving code", () => {
  for (const entry of SHIPPED) {
    const forbidden = [...reachedFrom(entry)].filter((file) =>
      ["train", "cli", "eval", "data"].includes(unitOf(file)) || file.startsWith("src/backend/select.ts")
    );
    assert(forbidden.length === 0, `${entry} ships ${forbidden.join(", ")}`);
  }
});

Deno.test("layering: the browser's and the edge worker's code import no tfjs: they sample on our kernels alone", async () => {
  const TFJS = /^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s+"@tensorflow\/|import\(\s*"@tensorflow\//m;
  for (const entry of SHIPPED) {
    const tfjs: string[] = [];
    for (const file of reachedFrom(entry)) {
      if (TFJS.test(await Deno.readTextFile(join(ROOT, file)))) tfjs.push(file);
    }
    assert(tfjs.length === 0, `${entry} imports tfjs through ${tfjs.join(", ")}`);
  }
});
