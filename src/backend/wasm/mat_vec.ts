/**
 * Matrix products with n = 1 or k = 1 (a dense layer with one output, its
 * weight and input gradients), one pass of the in-place kernels where the
 * tensors lie; every other product goes to our GEMM, which would spend such
 * a product copying its inputs into the threads' memory and packing them.
 */
import { BatchMatMul, type BatchMatMulAttrs, util } from "@tensorflow/tfjs-core";
import { batchMatMulKernel } from "../gemm/batch_mat_mul.ts";
import { at, float32, type WasmKernel, wasmStore } from "./kernel.ts";

export const matVecKernel: WasmKernel<BatchMatMulAttrs> = {
  kernelName: BatchMatMul,
  kernelFunc(args, { inPlace, rt }) {
    const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
    float32(BatchMatMul, a, b);
    const ra = a.shape.length, rb = b.shape.length;
    const m = a.shape[transposeA ? ra - 1 : ra - 2], k = a.shape[transposeA ? ra - 2 : ra - 1];
    const n = b.shape[transposeB ? rb - 2 : rb - 1];
    const unbatched =
      util.sizeFromShape(a.shape.slice(0, -2)) * util.sizeFromShape(b.shape.slice(0, -2)) === 1;
    if (!unbatched || (n !== 1 && k !== 1) || k !== b.shape[transposeB ? rb - 1 : rb - 2]) {
      return batchMatMulKernel.kernelFunc(args, rt, wasmStore(backend));
    }
    const out = backend.makeOutput([...a.shape.slice(0, -2), m, n], "float32");
    inPlace.matVec({ m, k, n, transposeA }, at(backend, a), at(backend, b), at(backend, out));
    return out;
  },
};
