/**
 * deno task soak [--requests N] [--concurrency C] [--model ID]: the server
 * on loopback, in this process, under N sampling requests at a fixed
 * concurrency. Every tenth of the way it prints throughput, p50 and p99,
 * errors and refusals (503), the process's RSS and tfjs's tensor count, so
 * a leak shows as a column that keeps growing. tests/soak_test.ts runs a
 * short version.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as z from "zod/mini";
import { createApp } from "../routes/app.ts";
import { initBackend, kernelRuntime } from "../src/backend/select.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { int, option } from "../src/options/options.ts";
import { defaultLimits } from "../src/serve/admission.ts";
import { createContext } from "../src/serve/context.ts";

export interface SoakRow {
  requests: number;
  perSecond: number;
  /** Latency of the requests answered (not refused) in this window, ms. */
  p50: number;
  p99: number;
  errors: number;
  refused: number;
  /** The slowest refusal in this window, ms: a full queue must answer 503 at once. */
  refusedMax: number;
  rssMB: number;
  /** The memory of our kernels, where the generators sample: it grows to what a request needs, then holds. */
  kernelMB: number;
  tensors: number;
}

/** `requests` GETs of `path(i)` on `url`, `concurrency` at a time; a row every `every` requests. */
export async function soak(
  url: string,
  path: (i: number) => string,
  { requests, concurrency, every }: { requests: number; concurrency: number; every: number },
  onRow: (row: SoakRow) => void,
): Promise<void> {
  let next = 0, done = 0, errors = 0, refused = 0, refusedMax = 0;
  let window: number[] = [], began = performance.now();
  const client = Deno.createHttpClient({});
  const kernels = await kernelRuntime();
  const worker = async () => {
    while (next < requests) {
      const i = next++;
      const start = performance.now();
      const response = await fetch(url + path(i), { client });
      await response.arrayBuffer();
      const ms = performance.now() - start;
      if (response.status === 503) [refused, refusedMax] = [refused + 1, Math.max(refusedMax, ms)];
      else {
        if (!response.ok) errors++;
        window.push(ms);
      }
      if (++done % every === 0) {
        const sorted = window.sort((a, b) => a - b);
        const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        onRow({
          requests: done,
          perSecond: every / ((performance.now() - began) / 1000),
          p50: at(0.5),
          p99: at(0.99),
          errors,
          refused,
          refusedMax,
          rssMB: Deno.memoryUsage().rss / 2 ** 20,
          kernelMB: kernels.memory.buffer.byteLength / 2 ** 20,
          tensors: tf.memory().numTensors,
        });
        [window, began, refusedMax] = [[], performance.now(), 0];
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  client.close();
}

function formatRow(r: SoakRow): string {
  const ms = (x: number) => Number.isFinite(x) ? x.toFixed(1) : "–";
  return `| ${r.requests} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.errors} | ` +
    `${r.refused} | ${r.refused ? ms(r.refusedMax) : "–"} | ${r.rssMB.toFixed(0)} | ${
      r.kernelMB.toFixed(1)
    } | ${r.tensors} |`;
}
const HEADER =
  "| requests | per s | p50 ms (answered) | p99 ms (answered) | errors | 503s (total) | slowest 503 ms | RSS MB | kernel MB | tensors |\n" +
  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

if (import.meta.main) {
  const flags = parseCommandLine(
    "deno task soak",
    "Sampling requests against the server on loopback, with its memory and tensors along the way.",
    z.strictObject({
      requests: option(int(10), "requests in all", 100_000),
      concurrency: option(int(1), "requests in flight at once", 32),
      n: option(int(1, 256), "samples per request", 16),
      model: option(z.string(), "the model in models/ to sample", "dcgan-mnist"),
      queue: option(
        int(0),
        "sampling requests that may wait (the server's --sampling-queue); default: the server's, 4 per core",
      ),
    }),
    Deno.args,
  );
  await initBackend({ log: false });
  const defaults = defaultLimits(navigator.hardwareConcurrency);
  const ctx = createContext({
    modelsDir: "models",
    runsDir: "runs",
    dataRoot: "data",
    token: crypto.randomUUID(),
    site: new Map(),
    sampling: { ...defaults, waiting: flags.queue ?? defaults.waiting },
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, createApp(ctx).fetch);
  console.log(HEADER);
  await soak(
    `http://127.0.0.1:${server.addr.port}`,
    (i) => `/api/models/${flags.model}/samples?n=${flags.n}&seed=${i}`,
    {
      requests: flags.requests,
      concurrency: flags.concurrency,
      every: Math.max(1, Math.floor(flags.requests / 10)),
    },
    (row) => console.log(formatRow(row)),
  );
  await server.shutdown();
}
