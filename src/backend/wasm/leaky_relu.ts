/** Leaky ReLU and its gradient, each one pass of the in-place kernels. */
import { LeakyRelu, type LeakyReluAttrs, util } from "@tensorflow/tfjs-core";
import { LEAKY_RELU_GRAD, type LeakyReluGradAttrs } from "../kernel_names.ts";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const leakyReluKernel: WasmKernel<LeakyReluAttrs> = {
  kernelName: LeakyRelu,
  kernelFunc({ inputs: { x }, backend, attrs }, { inPlace }) {
    float32(LeakyRelu, x);
    const out = backend.makeOutput(x.shape, "float32");
    inPlace.leakyRelu(util.sizeFromShape(x.shape), attrs.alpha, at(backend, x), at(backend, out));
    return out;
  },
};

export const leakyReluGradKernel: WasmKernel<LeakyReluGradAttrs> = {
  kernelName: LEAKY_RELU_GRAD,
  kernelFunc({ inputs: { dy, x }, backend, attrs }, { inPlace }) {
    float32(LEAKY_RELU_GRAD, dy, x);
    const out = backend.makeOutput(x.shape, "float32");
    const n = util.sizeFromShape(x.shape);
    inPlace.leakyReluGrad(n, attrs.alpha, at(backend, x), at(backend, dy), at(backend, out));
    return out;
  },
};
