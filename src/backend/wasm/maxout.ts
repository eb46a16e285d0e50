/** Maxout and its gradient, each one pass of the in-place kernels. */
import { util } from "@tensorflow/tfjs-core";
import { MAXOUT, MAXOUT_GRAD, type MaxoutAttrs } from "../kernel_names.ts";
import { at, float32, type WasmKernel } from "./kernel.ts";

export const maxoutKernel: WasmKernel<MaxoutAttrs> = {
  kernelName: MAXOUT,
  kernelFunc({ inputs: { x }, backend, attrs: { pieces } }, { inPlace }) {
    float32(MAXOUT, x);
    const shape = [...x.shape.slice(0, -1), x.shape[x.shape.length - 1] / pieces];
    const out = backend.makeOutput(shape, "float32");
    inPlace.maxout(util.sizeFromShape(shape), pieces, at(backend, x), at(backend, out));
    return out;
  },
};

export const maxoutGradKernel: WasmKernel<MaxoutAttrs> = {
  kernelName: MAXOUT_GRAD,
  kernelFunc({ inputs: { dy, x }, backend, attrs: { pieces } }, { inPlace }) {
    float32(MAXOUT_GRAD, dy, x);
    const out = backend.makeOutput(x.shape, "float32");
    inPlace.maxoutGrad(
      util.sizeFromShape(dy.shape),
      pieces,
      at(backend, x),
      at(backend, dy),
      at(backend, out),
    );
    return out;
  },
};
