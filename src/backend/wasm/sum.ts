import { Sum, type SumAttrs, util } from "@tensorflow/tfjs-core";
import { at, type WasmKernel } from "./kernel.ts";

/** Sums over every axis but the last (bias gradients) in one pass; every other sum is the backend's own. */
export const sumKernel: WasmKernel<SumAttrs> = {
  kernelName: Sum,
  kernelFunc(args, { inPlace, original }) {
    const { inputs: { x }, backend, attrs } = args;
    const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
    const rank = x.shape.length;
    if (x.dtype !== "float32" || rank < 2 || axes.length !== rank - 1 || axes.some((a, i) => a !== i)) {
      return original(Sum)(args as never) as ReturnType<WasmKernel["kernelFunc"]>;
    }
    const c = x.shape[rank - 1];
    const out = backend.makeOutput(attrs.keepDims ? [...axes.map(() => 1), c] : [c], "float32");
    inPlace.sumRows(util.sizeFromShape(x.shape) / c, c, at(backend, x), at(backend, out));
    return out;
  },
};
