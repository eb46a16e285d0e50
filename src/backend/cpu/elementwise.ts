/**
 * Elementwise kernels for tfjs's cpu backend where a generator spends its
 * time once our GEMM kernels do the products: ReLU, tanh, the bias add and
 * inference batch norm. The cpu backend's own run one shared per-element
 * callback (about 10 ns an element); these are plain loops. Shapes they do
 * not take go to the backend's own kernel.
 */
import {
  Add,
  FusedBatchNorm,
  type FusedBatchNormAttrs,
  type KernelFunc,
  Relu,
  Tanh,
  type TensorInfo,
  util,
} from "@tensorflow/tfjs-core";
import type { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";

export type Args<A = unknown> = { inputs: Record<string, TensorInfo>; backend: MathBackendCPU; attrs: A };

/** One kernel: one registration under its name; `own` is the cpu backend's kernel of that name. */
export interface CpuKernel<A = never> {
  kernelName: string;
  kernelFunc(args: Args<A>, own: KernelFunc): TensorInfo;
}

const values = (backend: MathBackendCPU, t: TensorInfo) => backend.data.get(t.dataId)!.values as Float32Array;
const isFloat32 = (...tensors: TensorInfo[]) => tensors.every((t) => t.dtype === "float32");

function unary(kernelName: string, f: (x: Float32Array, y: Float32Array) => void): CpuKernel {
  return {
    kernelName,
    kernelFunc(args, own) {
      const { inputs: { x }, backend } = args;
      if (!isFloat32(x)) return own(args) as TensorInfo;
      const y = new Float32Array(util.sizeFromShape(x.shape));
      f(values(backend, x), y);
      return backend.makeTensorInfo(x.shape, "float32", y);
    },
  };
}

export const reluKernel = unary(Relu, (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = x[i] > 0 ? x[i] : 0;
});

export const tanhKernel = unary(Tanh, (x, y) => {
  for (let i = 0; i < x.length; i++) y[i] = Math.tanh(x[i]);
});

/** a + b where b has a's shape or is a row over a's last axis (a bias). */
export const addKernel: CpuKernel = {
  kernelName: Add,
  kernelFunc(args, own) {
    const { inputs: { a, b }, backend } = args;
    const row = b.shape.length === 1 && b.shape[0] === a.shape[a.shape.length - 1];
    if (!isFloat32(a, b) || !(row || util.arraysEqual(a.shape, b.shape))) return own(args) as TensorInfo;
    const x = values(backend, a), bias = values(backend, b), y = new Float32Array(x.length);
    const width = bias.length;
    for (let i = 0; i < x.length; i += width) {
      for (let j = 0; j < width; j++) y[i + j] = x[i + j] + bias[j];
    }
    return backend.makeTensorInfo(a.shape, "float32", y);
  },
};

/** Inference batch norm with per-channel statistics over x's last axis: one scale and shift a channel. */
export const batchNormKernel: CpuKernel<FusedBatchNormAttrs> = {
  kernelName: FusedBatchNorm,
  kernelFunc(args, own) {
    const { inputs: { x, mean, variance, offset, scale }, backend, attrs } = args;
    const channels = x.shape[x.shape.length - 1];
    const perChannel = [mean, variance, offset, scale].every((t) =>
      t === undefined || (t.shape.length === 1 && t.shape[0] === channels && isFloat32(t))
    );
    if (!isFloat32(x) || !perChannel) return own(args as never) as TensorInfo;
    const eps = attrs.varianceEpsilon ?? 0.001;
    const m = values(backend, mean), v = values(backend, variance);
    const gamma = scale && values(backend, scale), beta = offset && values(backend, offset);
    const mul = new Float32Array(channels), add = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      mul[c] = (gamma ? gamma[c] : 1) / Math.sqrt(v[c] + eps);
      add[c] = (beta ? beta[c] : 0) - m[c] * mul[c];
    }
    const xs = values(backend, x), y = new Float32Array(xs.length);
    for (let i = 0; i < xs.length; i += channels) {
      for (let c = 0; c < channels; c++) y[i + c] = xs[i + c] * mul[c] + add[c];
    }
    return backend.makeTensorInfo(x.shape, "float32", y);
  },
};
