/** The sum of squares over every axis but the last, in one pass of the in-place kernels. */
import { util } from "@tensorflow/tfjs-core";
import { SUM_OF_SQUARES } from "../kernel_names.ts";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const sumOfSquaresKernel: WasmKernel<never> = {
  kernelName: SUM_OF_SQUARES,
  kernelFunc({ inputs: { x }, backend }, { inPlace }) {
    float32(SUM_OF_SQUARES, x);
    const c = x.shape.at(-1) ?? 1;
    const out = backend.makeOutput([c], "float32");
    inPlace.sumSquaresRows(util.sizeFromShape(x.shape) / c, c, at(backend, x), at(backend, out));
    return out;
  },
};
