/**
 * deno task bench:edge [--root .] [--baseline DIR] [--requests 200]: the edge
 * budgets of the bundle that `deno task build:edge` made in ROOT/dist/edge,
 * served by Deno and by workerd (ROOT/edge/workerd.capnp): its size raw and
 * gzipped, the cold start to the first sample with the runtime's own process
 * start taken out (measured apart, on an empty worker; each the median of
 * five fresh processes), and the median and p95 latency of warm requests for
 * 1, 16 and 64 samples, beside an empty worker's (what the host itself adds
 * to a request). --baseline names
 * another checkout with its own bundle (an older build), measured the same
 * way in the same run.
 */
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import * as z from "zod/mini";
import { int, option } from "../src/options/options.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { type EdgeHost, startDenoHost, startWorkerdHost } from "./edge_hosts.ts";

const FLAGS = z.strictObject({
  root: option(z.string(), "the checkout whose dist/edge/ and edge/workerd.capnp to measure", "."),
  baseline: option(z.string(), "another checkout with a bundle built, measured beside it"),
  // On these shared cores the median of 50 requests moved by up to 40% between runs (1.05 and 1.44 ms).
  requests: option(int(1), "warm requests per latency", 200),
});
const SIZES = [1, 16, 64];
const EMPTY_WORKER = 'export default { fetch: () => new Response("") };';

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  await response.arrayBuffer();
  return performance.now() - started;
}

/**
 * Requests made and dropped before timing, so the runtime's JIT has compiled the path. One sample's
 * median on a fresh host, requests 20-70: 1.04 ms on workerd, 0.82 on Deno; 400-600: 0.86 and 0.59;
 * 600-800: 0.85 and 0.53.
 */
const WARM_UP = 400;

/** Median and 95th percentile of `requests` timed requests, after the warm-up. */
async function latency(url: string, requests: number): Promise<[number, number]> {
  for (let i = 0; i < WARM_UP; i++) await timed(url);
  const times = [];
  for (let i = 0; i < requests; i++) times.push(await timed(url));
  times.sort((a, b) => a - b);
  return [times[Math.floor(requests / 2)], times[Math.min(requests - 1, Math.floor(requests * 0.95))]];
}

type Hosts = Record<"deno" | "workerd", (probe: string) => Promise<EdgeHost>>;

function hostsOf(root: string): Hosts {
  return {
    deno: (probe) => startDenoHost(join(root, "dist", "edge", "worker.js"), probe),
    workerd: (probe) => startWorkerdHost(join(root, "edge", "workerd.capnp"), probe),
  };
}

/** Fresh processes per cold start measured: these shared cores make any one of them noisy. */
const STARTS = 5;

/** The median time of STARTS fresh processes to answer `probe` first, after one start that loads the binaries. */
async function medianStart(start: Hosts["deno"], probe: string): Promise<number> {
  await (await start(probe)).close();
  const times = [];
  for (let i = 0; i < STARTS; i++) {
    const host = await start(probe);
    await host.close();
    times.push(host.coldStartMs);
  }
  return times.sort((a, b) => a - b)[Math.floor(STARTS / 2)];
}

/** Hosts of an empty worker: each runtime's process start alone. */
async function emptyHosts(): Promise<Hosts> {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(join(dir, "worker.js"), EMPTY_WORKER);
  await Deno.writeTextFile(
    join(dir, "workerd.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "empty", worker = (modules = [(name = "worker.js", esModule = embed "worker.js")],
    compatibilityDate = "2025-11-01"))],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "empty")],
);`,
  );
  return {
    deno: (probe) => startDenoHost(join(dir, "worker.js"), probe),
    workerd: (probe) => startWorkerdHost(join(dir, "workerd.capnp"), probe),
  };
}

async function bundleSize(root: string): Promise<string> {
  const dir = join(root, "dist", "edge");
  let raw = 0, gzipped = 0;
  for await (const { name, isFile } of Deno.readDir(dir)) {
    if (!isFile) continue;
    const bytes = await Deno.readFile(join(dir, name));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return `${(raw / 1e6).toFixed(2)} MB raw, ${(gzipped / 1e6).toFixed(2)} MB gzipped`;
}

/** One row per runtime: cold start past the process start, then warm latencies. */
async function measure(label: string, root: string, empty: Hosts, requests: number): Promise<void> {
  console.log(`${label} (${root}): ${await bundleSize(root)}`);
  for (const [runtime, start] of Object.entries(hostsOf(root)) as [keyof Hosts, Hosts["deno"]][]) {
    const idle = await medianStart(empty[runtime], "/");
    const emptyHost = await empty[runtime]("/");
    const [emptyMedian] = await latency(emptyHost.url + "/", requests).finally(() => emptyHost.close());
    const probe = await start("/api/models");
    const { models } = await (await fetch(`${probe.url}/api/models`)).json();
    await probe.close();
    const samples = `/api/models/${models[0].id}/samples?seed=7&n=`;
    const cold = await medianStart(start, samples + 1); // each process's first answer is its first sample
    const host = await start(samples + 1);
    try {
      const cells = [];
      for (const n of SIZES) {
        const [median, p95] = await latency(host.url + samples + n, requests);
        cells.push(`n=${n} ${median.toFixed(2)} / ${p95.toFixed(2)} ms`);
      }
      console.log(
        `  ${runtime.padEnd(8)} process start ${idle.toFixed(0)} ms, cold start to first sample ` +
          `${(cold - idle).toFixed(0)} ms; median / p95: ${cells.join(", ")} ` +
          `(an empty worker: ${emptyMedian.toFixed(2)} ms)`,
      );
    } finally {
      await host.close();
    }
  }
}

const flags = parseCommandLine("deno task bench:edge", "Edge bundle budgets.", FLAGS, Deno.args);
const empty = await emptyHosts();
await measure("bundle", resolve(flags.root), empty, flags.requests);
if (flags.baseline) await measure("baseline", resolve(flags.baseline), empty, flags.requests);
