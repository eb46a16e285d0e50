/** Where tfjs's cpu backend keeps tensor values, for our GEMM kernels: plain typed arrays. */
import { util } from "@tensorflow/tfjs-core";
import type { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import type { StoreOf } from "../gemm/kernel.ts";

export const cpuStore: StoreOf = (backend) => {
  const cpu = backend as MathBackendCPU;
  return {
    read: (t) => cpu.data.get(t.dataId)!.values as Float32Array,
    output: (shape) => {
      const values = new Float32Array(util.sizeFromShape(shape));
      return { info: cpu.makeTensorInfo(shape, "float32", values), values };
    },
  };
};
