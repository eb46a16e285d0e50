/** Softplus in one SIMD pass of the in-place kernels (tfjs's own is a scalar loop of exp and log). */
import { Softplus, util } from "@tensorflow/tfjs-core";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const softplusKernel: WasmKernel = {
  kernelName: Softplus,
  kernelFunc({ inputs: { x }, backend }, { inPlace }) {
    float32(Softplus, x);
    const out = backend.makeOutput(x.shape, "float32");
    inPlace.softplus(util.sizeFromShape(x.shape), at(backend, x), at(backend, out));
    return out;
  },
};
