/**
 * The edge worker's tfjs backend: tfjs-backend-cpu, plain JavaScript. It
 * needs no WebAssembly, so nothing has to be compiled at run time (which edge
 * runtimes forbid), and no workers or shared memory, which they lack.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { WEB_PLATFORM } from "./platform.ts";

export async function startEdgeBackend(): Promise<void> {
  // workerd passes for a browser, and tfjs set its browser platform; Deno passes for nothing.
  if (!tf.env().platform) tf.setPlatform("web", WEB_PLATFORM);
  tf.env().set("PROD", true); // no per-op debug checks
  if (!(await tf.setBackend("cpu"))) throw new Error("the tfjs cpu backend failed to start");
}
