/**
 * deno run -A scripts/bench_edge.ts [--bundle dist/edge/worker.js]: the edge
 * budgets of the bundle that `deno task build:edge` made: its size, the cold
 * start to the first sample, and the steady latency of 1 and 64 samples, on
 * Deno and on workerd (the config edge/workerd.capnp, which embeds dist/edge/worker.js).
 */
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import { int, option } from "../src/options/options.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { type EdgeHost, startDenoHost, startWorkerdHost } from "./edge_hosts.ts";

const FLAGS = z.strictObject({
  bundle: option(z.string(), "the bundle run by deno serve", "dist/edge/worker.js"),
  runs: option(int(1), "timed requests per measurement (the median is shown)", 10),
});
const WORKERD_CONFIG = fileURLToPath(new URL("../edge/workerd.capnp", import.meta.url));

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

async function median(url: string, runs: number): Promise<number> {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timed(url));
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** The host's numbers: its start, then its first sample, then steady ones. */
async function measure(name: string, start: () => Promise<EdgeHost>, runs: number): Promise<void> {
  const host = await start();
  try {
    const models = await (await fetch(`${host.url}/api/models`)).json();
    const samples = `${host.url}/api/models/${models.models[0].id}/samples?seed=7&n=`;
    const cold = host.coldStartMs + await timed(samples + 1);
    const one = await median(samples + 1, runs);
    const many = await median(samples + 64, runs);
    console.log(
      `${name.padEnd(8)} cold start to first sample ${cold.toFixed(0)} ms, ` +
        `1 sample ${one.toFixed(1)} ms, 64 samples ${many.toFixed(1)} ms`,
    );
  } finally {
    await host.close();
  }
}

const flags = parseCommandLine("scripts/bench_edge.ts", "Edge bundle budgets.", FLAGS, Deno.args);
const { bundle, runs } = flags;
console.log(`bundle ${bundle}: ${((await Deno.stat(bundle)).size / 1e6).toFixed(2)} MB`);
await measure("deno", () => startDenoHost(bundle, "/api/models"), runs);
await measure("workerd", () => startWorkerdHost(WORKERD_CONFIG, "/api/models"), runs);
