/** One Adam update, one pass of the in-place kernels: p, m and v are read, new p', m' and v' written. */
import { util } from "@tensorflow/tfjs-core";
import { ADAM, type AdamAttrs } from "../kernel_names.ts";
import { addresses, float32, type WasmKernel } from "./kernel.ts";

export const adamKernel: WasmKernel<AdamAttrs> = {
  kernelName: ADAM,
  kernelFunc({ inputs: { p, g, m, v }, backend, attrs }, { inPlace }) {
    float32(ADAM, p, g, m, v);
    const [p1, m1, v1] = [p, m, v].map((t) => backend.makeOutput(t.shape, "float32"));
    inPlace.adam(util.sizeFromShape(p.shape), attrs, addresses(backend, { p, g, m, v, p1, m1, v1 }));
    return [p1, m1, v1];
  },
};
