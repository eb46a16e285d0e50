/** Entry point of a kernel worker thread (see pool.ts). */
import { parentPort } from "node:worker_threads";
import { serve, type WorkerInit } from "./pool.ts";
import type { ShareFn } from "./runtime.ts";

parentPort!.once("message", (init: WorkerInit) => {
  const instance = new WebAssembly.Instance(init.module, { env: { memory: init.memory } });
  const exports = instance.exports as unknown as Record<string, ShareFn> & {
    __stack_pointer: WebAssembly.Global;
  };
  exports.__stack_pointer.value = init.stackTop;
  parentPort!.postMessage("ready");
  serve(init, exports);
});
