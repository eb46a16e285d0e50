/**
 * BatchMatMul on the wasm backend. Matrix products with n = 1 or k = 1 (a
 * dense layer with one output, its weight and input gradients) take one pass
 * of the in-place kernels where the tensors lie; every other product goes to
 * our GEMM, which would spend such a product copying its inputs into the
 * threads' memory and packing them.
 */
import { BatchMatMul, type BatchMatMulAttrs } from "@tensorflow/tfjs-core";
import { batchMatMulKernel, productGeometry } from "../gemm/batch_mat_mul.ts";
import { at, float32, type WasmKernel, wasmStore } from "./kernel.ts";

export const batchMatMulWasmKernel: WasmKernel<BatchMatMulAttrs> = {
  kernelName: BatchMatMul,
  kernelFunc(args, { inPlace, rt }) {
    const { inputs: { a, b }, backend, attrs } = args;
    float32(BatchMatMul, a, b);
    const g = productGeometry(a, b, attrs);
    if (g.batchA * g.batchB !== 1 || (g.n !== 1 && g.k !== 1)) {
      return batchMatMulKernel.kernelFunc(args, rt, wasmStore(backend));
    }
    const out = backend.makeOutput(g.shape, "float32");
    inPlace.matVec(g, at(backend, a), at(backend, b), at(backend, out));
    return out;
  },
};
