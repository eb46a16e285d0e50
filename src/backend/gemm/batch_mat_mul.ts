import {
  BatchMatMul,
  type BatchMatMulAttrs,
  broadcast_util,
  type TensorInfo,
  util,
} from "@tensorflow/tfjs-core";
import { batchMatMul, type MatMulGeometry } from "../../kernels/matmul.ts";
import { float32, type GemmKernel } from "./kernel.ts";

/** The geometry of a · b (with its transposes) and the output's shape; inner sizes that differ are an error. */
export function productGeometry(
  a: TensorInfo,
  b: TensorInfo,
  { transposeA, transposeB }: BatchMatMulAttrs,
): MatMulGeometry & { shape: number[] } {
  const ra = a.shape.length, rb = b.shape.length;
  const m = a.shape[transposeA ? ra - 1 : ra - 2], k = a.shape[transposeA ? ra - 2 : ra - 1];
  const n = b.shape[transposeB ? rb - 2 : rb - 1], kb = b.shape[transposeB ? rb - 1 : rb - 2];
  util.assert(k === kb, () => `matMul: inner sizes ${k} and ${kb} differ (${a.shape} x ${b.shape})`);
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchA = util.sizeFromShape(a.shape.slice(0, -2)), batchB = util.sizeFromShape(b.shape.slice(0, -2));
  // One side's batch may broadcast as a whole; dimensions that broadcast both ways ([2, 1] with [1, 2]) do not.
  util.assert(
    util.sizeFromShape(outer) === Math.max(batchA, batchB),
    () => `matMul: batch shapes [${a.shape.slice(0, -2)}] and [${b.shape.slice(0, -2)}] broadcast both ways`,
  );
  return { batchA, batchB, m, k, n, transposeA, transposeB, shape: [...outer, m, n] };
}

export const batchMatMulKernel: GemmKernel<BatchMatMulAttrs> = {
  kernelName: BatchMatMul,
  kernelFunc({ inputs: { a, b }, attrs }, rt, store) {
    float32(BatchMatMul, a, b);
    const g = productGeometry(a, b, attrs);
    const out = store.output(g.shape);
    batchMatMul(rt, g, store.read(a), store.read(b), out.values);
    return out.info;
  },
};
