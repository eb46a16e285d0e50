/** Tanh and its gradient, each one pass of the in-place kernels (tfjs's own Tanh is scalar). */
import { Tanh, util } from "@tensorflow/tfjs-core";
import { TANH_GRAD } from "../kernel_names.ts";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const tanhKernel: WasmKernel = {
  kernelName: Tanh,
  kernelFunc({ inputs: { x }, backend }, { inPlace }) {
    float32(Tanh, x);
    const out = backend.makeOutput(x.shape, "float32");
    inPlace.tanh(util.sizeFromShape(x.shape), at(backend, x), at(backend, out));
    return out;
  },
};

export const tanhGradKernel: WasmKernel = {
  kernelName: TANH_GRAD,
  kernelFunc({ inputs: { y, dy }, backend }, { inPlace }) {
    float32(TANH_GRAD, y, dy);
    const out = backend.makeOutput(y.shape, "float32");
    inPlace.tanhGrad(util.sizeFromShape(y.shape), at(backend, y), at(backend, dy), at(backend, out));
    return out;
  },
};
