/**
 * What GET /metrics tells a monitoring system, in Prometheus's text format:
 * requests by route and status, a latency histogram, the sampling queue,
 * jobs by state, tfjs's tensors and the process's memory.
 */
import * as tf from "@tensorflow/tfjs-core";
import type { MiddlewareHandler } from "hono";
import type { Admission } from "./admission.ts";
import type { Jobs } from "./jobs.ts";

/** Upper bounds of the latency buckets, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** The methods counted by name; any other is "other", or each made-up one would start a series. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);

export class ServerMetrics {
  readonly #requests = new Map<string, number>();
  readonly #buckets = new Array<number>(BUCKETS.length + 1).fill(0);
  #seconds = 0;
  #count = 0;

  /** Counts every request by its route's pattern (not its path: ids would make every series new). */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const began = performance.now();
      await next();
      const seconds = (performance.now() - began) / 1000;
      const method = METHODS.has(c.req.method) ? c.req.method : "other";
      const key = `method="${method}",route="${c.req.routePath}",status="${c.res.status}"`;
      this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
      const bucket = BUCKETS.findIndex((le) => seconds <= le);
      this.#buckets[bucket < 0 ? BUCKETS.length : bucket]++;
      this.#seconds += seconds;
      this.#count++;
    };
  }

  render(admission: Admission, jobs: Jobs): string {
    const lines: string[] = [];
    const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      for (const [labels, value] of samples) lines.push(`${name}${labels ? `{${labels}}` : ""} ${value}`);
    };
    metric("edgegan_http_requests_total", "counter", "HTTP requests by route and status", [
      ...this.#requests,
    ]);
    lines.push(
      "# HELP edgegan_http_request_duration_seconds time to answer a request",
      "# TYPE edgegan_http_request_duration_seconds histogram",
    );
    let cumulative = 0;
    BUCKETS.forEach((le, i) => {
      cumulative += this.#buckets[i];
      lines.push(`edgegan_http_request_duration_seconds_bucket{le="${le}"} ${cumulative}`);
    });
    lines.push(
      `edgegan_http_request_duration_seconds_bucket{le="+Inf"} ${this.#count}`,
      `edgegan_http_request_duration_seconds_sum ${this.#seconds}`,
      `edgegan_http_request_duration_seconds_count ${this.#count}`,
    );
    metric("edgegan_sampling_running", "gauge", "sampling requests under way", [["", admission.running]]);
    metric("edgegan_sampling_queue_depth", "gauge", "sampling requests waiting for a turn", [
      ["", admission.depth],
    ]);
    metric("edgegan_sampling_rejected_total", "counter", "sampling requests answered 503", [
      ["", admission.rejected],
    ]);
    const states = new Map<string, number>();
    for (const job of jobs.list()) states.set(job.status, (states.get(job.status) ?? 0) + 1);
    metric(
      "edgegan_jobs",
      "gauge",
      "training jobs by state",
      [...states].map(([s, n]) => [`state="${s}"`, n]),
    );
    const { numTensors, numBytes } = tf.memory();
    metric("edgegan_tfjs_tensors", "gauge", "tensors alive in tfjs", [["", numTensors]]);
    metric("edgegan_tfjs_bytes", "gauge", "bytes held by tfjs tensors", [["", numBytes]]);
    metric("process_resident_memory_bytes", "gauge", "resident set size", [["", Deno.memoryUsage().rss]]);
    return lines.join("\n") + "\n";
  }
}
