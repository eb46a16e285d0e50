/**
 * Training-mode batch norm and its gradient, each one kernel instead of a
 * dozen small ops. The C code takes channel counts that are multiples of 4
 * (whole SIMD lanes); other shapes run the composite kernels.
 */
import { util } from "@tensorflow/tfjs-core";
import { batchNorm, batchNormGrad } from "../composite_kernels.ts";
import { BATCH_NORM, BATCH_NORM_GRAD, type BatchNormAttrs } from "../kernel_names.ts";
import { addresses, type Args, float32, type WasmKernel } from "./kernel.ts";

/** Rows and channels of x, or null where the C code cannot take the channel count. */
function simdShape({ shape }: { shape: number[] }): { m: number; c: number } | null {
  const c = shape[shape.length - 1];
  return c % 4 === 0 ? { m: util.sizeFromShape(shape) / c, c } : null;
}

/** The composite kernel, for shapes the C code does not take. */
const composite = (kernel: typeof batchNorm, { inputs, attrs }: Args<BatchNormAttrs>) =>
  kernel(inputs as never, attrs) as never;

export const batchNormKernel: WasmKernel<BatchNormAttrs> = {
  kernelName: BATCH_NORM,
  kernelFunc(args, { inPlace }) {
    const { inputs: { x, gamma, beta }, backend, attrs } = args;
    float32(BATCH_NORM, x, gamma, beta);
    const shape = simdShape(x);
    if (!shape) return composite(batchNorm, args);
    const [y, mean, variance] = [x.shape, [shape.c], [shape.c]].map((s) => backend.makeOutput(s, "float32"));
    inPlace.batchNorm(shape.m, shape.c, attrs.eps, addresses(backend, { x, gamma, beta, y, mean, variance }));
    return [y, mean, variance];
  },
};

export const batchNormGradKernel: WasmKernel<BatchNormAttrs> = {
  kernelName: BATCH_NORM_GRAD,
  kernelFunc(args, { inPlace }) {
    const { inputs: { dy, x, mean, variance, gamma }, backend, attrs } = args;
    float32(BATCH_NORM_GRAD, dy, x, mean, variance, gamma);
    const shape = simdShape(x);
    if (!shape) return composite(batchNormGrad, args);
    const [dx, dgamma, dbeta] = [x.shape, [shape.c], [shape.c]].map((s) => backend.makeOutput(s, "float32"));
    const t = { dy, x, mean, variance, gamma, dx, dgamma, dbeta };
    inPlace.batchNormGrad(shape.m, shape.c, attrs.eps, addresses(backend, t));
    return [dx, dgamma, dbeta];
  },
};
