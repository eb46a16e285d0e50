import { Identity } from "@tensorflow/tfjs-core";
import type { WasmKernel } from "./kernel.ts";

/**
 * tfjs clones every tensor it saves for a gradient; the wasm backend's
 * Identity copies the data, but tensors are immutable: share it, as cpu does.
 */
export const identityKernel: WasmKernel<unknown> = {
  kernelName: Identity,
  kernelFunc({ inputs: { x }, backend }) {
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};
