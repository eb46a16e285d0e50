/** Gaussian noise added to a tensor in one pass of the in-place kernels, the normals drawn there too. */
import { util } from "@tensorflow/tfjs-core";
import { GAUSSIAN_NOISE, type GaussianNoiseAttrs } from "../kernel_names.ts";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const gaussianNoiseKernel: WasmKernel<GaussianNoiseAttrs> = {
  kernelName: GAUSSIAN_NOISE,
  kernelFunc({ inputs: { x }, backend, attrs: { std, seeds } }, { inPlace }) {
    float32(GAUSSIAN_NOISE, x);
    const out = backend.makeOutput(x.shape, "float32");
    inPlace.gaussianNoise(util.sizeFromShape(x.shape), std, seeds, at(backend, x), at(backend, out));
    return out;
  },
};
