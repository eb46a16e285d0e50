/**
 * Registers our kernels (src/kernels, multithreaded WASM SIMD) in place of
 * some of the tfjs wasm backend's own, chiefly MatMul and convolutions: its
 * Conv2DBackpropInput is a scalar loop and it has no Conv2DBackpropFilter
 * (tensorflow/tfjs#8474), so without these no conv layer could train.
 */
import {
  backend_util,
  BatchMatMul,
  type BatchMatMulAttrs,
  broadcast_util,
  Conv2D,
  type Conv2DAttrs,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  getKernel,
  Identity,
  type KernelConfig,
  type KernelFunc,
  LeakyRelu,
  type LeakyReluAttrs,
  registerKernel,
  Sum,
  type SumAttrs,
  type TensorInfo,
  unregisterKernel,
  util,
} from "@tensorflow/tfjs-core";
import type { BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from "../kernels/conv.ts";
import { batchMatMul } from "../kernels/matmul.ts";
import { type AdamStep, adamUpdate } from "../kernels/adam.ts";
import type { InPlaceKernels } from "../kernels/inplace.ts";
import { BATCH_NORM, BATCH_NORM_GRAD } from "../ops/batch_norm.ts";
import { LEAKY_RELU_GRAD } from "../ops/leaky_relu.ts";
import { ADAM } from "../train/adam.ts";
import type { KernelRuntime } from "../kernels/runtime.ts";

type Args<A> = { inputs: Record<string, TensorInfo>; backend: BackendWasm; attrs: A };

function float32(kernel: string, ...tensors: TensorInfo[]): void {
  for (const t of tensors) {
    if (t.dtype !== "float32") throw new Error(`${kernel}: only float32 is supported, got ${t.dtype}`);
  }
}

function view(backend: BackendWasm, t: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(t) as Float32Array;
}

/** A tensor's byte address in the backend's memory, for the in-place kernels. */
function at(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

function addresses<K extends string>(
  backend: BackendWasm,
  tensors: Record<K, TensorInfo>,
): Record<K, number> {
  return Object.fromEntries(
    Object.entries(tensors).map(([k, t]) => [k, at(backend, t as TensorInfo)]),
  ) as Record<K, number>;
}

function geometry(
  xShape: number[],
  filterShape: number[],
  attrs: Conv2DAttrs | Conv2DBackpropFilterAttrs | Conv2DBackpropInputAttrs,
) {
  if (attrs.dataFormat === "NCHW") throw new Error("conv2d: only NHWC is supported");
  const dilations = "dilations" in attrs ? attrs.dilations : 1;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

type Kernel = (args: Args<never>) => TensorInfo | TensorInfo[];

/** Our kernels by name; `original` gives the wasm backend's own, for cases ours leave to it. */
function kernels(
  rt: KernelRuntime,
  inPlace: InPlaceKernels,
  original: (name: string) => Kernel,
): Record<string, Kernel> {
  return {
    [BatchMatMul]({ inputs: { a, b }, backend, attrs }: Args<BatchMatMulAttrs>) {
      float32(BatchMatMul, a, b);
      const { transposeA, transposeB } = attrs;
      const ra = a.shape.length, rb = b.shape.length;
      const m = a.shape[transposeA ? ra - 1 : ra - 2], k = a.shape[transposeA ? ra - 2 : ra - 1];
      const n = b.shape[transposeB ? rb - 2 : rb - 1], kb = b.shape[transposeB ? rb - 1 : rb - 2];
      util.assert(k === kb, () => `matMul: inner sizes ${k} and ${kb} differ (${a.shape} x ${b.shape})`);
      const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const out = backend.makeOutput([...outer, m, n], "float32");
      const batchA = util.sizeFromShape(a.shape.slice(0, -2)),
        batchB = util.sizeFromShape(b.shape.slice(0, -2));
      const g = { batchA, batchB, m, k, n, transposeA, transposeB };
      batchMatMul(rt, g, view(backend, a), view(backend, b), view(backend, out));
      return out;
    },
    [Conv2D]({ inputs: { x, filter }, backend, attrs }: Args<Conv2DAttrs>) {
      float32(Conv2D, x, filter);
      const g = geometry(x.shape, filter.shape, attrs);
      const out = backend.makeOutput(g.outShape, "float32");
      conv2d(rt, g, view(backend, x), view(backend, filter), view(backend, out));
      return out;
    },
    [Conv2DBackpropFilter]({ inputs: { x, dy }, backend, attrs }: Args<Conv2DBackpropFilterAttrs>) {
      float32(Conv2DBackpropFilter, x, dy);
      const g = geometry(x.shape, attrs.filterShape, attrs);
      const out = backend.makeOutput(attrs.filterShape, "float32");
      conv2dBackpropFilter(rt, g, view(backend, x), view(backend, dy), view(backend, out));
      return out;
    },
    [Conv2DBackpropInput]({ inputs: { dy, filter }, backend, attrs }: Args<Conv2DBackpropInputAttrs>) {
      float32(Conv2DBackpropInput, dy, filter);
      const g = geometry(attrs.inputShape, filter.shape, attrs);
      const out = backend.makeOutput(attrs.inputShape, "float32");
      conv2dBackpropInput(rt, g, view(backend, dy), view(backend, filter), view(backend, out));
      return out;
    },
    // tfjs clones every tensor it saves for a gradient; the wasm backend's
    // Identity copies the data, but tensors are immutable: share it, as cpu does.
    [Identity]({ inputs: { x }, backend }: Args<unknown>) {
      backend.incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
    [LeakyRelu]({ inputs: { x }, backend, attrs }: Args<LeakyReluAttrs>) {
      float32(LeakyRelu, x);
      const out = backend.makeOutput(x.shape, "float32");
      inPlace.leakyRelu(util.sizeFromShape(x.shape), attrs.alpha, at(backend, x), at(backend, out));
      return out;
    },
    [LEAKY_RELU_GRAD]({ inputs: { dy, x }, backend, attrs }: Args<LeakyReluAttrs>) {
      float32(LEAKY_RELU_GRAD, dy, x);
      const out = backend.makeOutput(x.shape, "float32");
      const n = util.sizeFromShape(x.shape);
      inPlace.leakyRelu(n, attrs.alpha, at(backend, x), at(backend, out), at(backend, dy));
      return out;
    },
    // Sums over every axis but the last (bias gradients); the rest is tfjs's.
    [Sum](args: Args<SumAttrs>) {
      const { inputs: { x }, backend, attrs } = args;
      const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
      const rank = x.shape.length;
      if (x.dtype !== "float32" || rank < 2 || axes.length !== rank - 1 || axes.some((a, i) => a !== i)) {
        return original(Sum)(args as Args<never>);
      }
      const c = x.shape[rank - 1];
      const out = backend.makeOutput(attrs.keepDims ? [...axes.map(() => 1), c] : [c], "float32");
      inPlace.sumRows(util.sizeFromShape(x.shape) / c, c, at(backend, x), at(backend, out));
      return out;
    },
    // Copies of p, m and v updated in place: the inputs stay immutable.
    [ADAM]({ inputs: { p, g, m, v }, backend, attrs }: Args<AdamStep>) {
      float32(ADAM, p, g, m, v);
      const outs = [p, m, v].map((t) => backend.makeOutput(t.shape, "float32"));
      const [p1, m1, v1] = outs.map((t) => view(backend, t));
      p1.set(view(backend, p));
      m1.set(view(backend, m));
      v1.set(view(backend, v));
      adamUpdate(attrs, p1, view(backend, g), m1, v1);
      return outs;
    },
    [BATCH_NORM]({ inputs: { x, gamma, beta }, backend, attrs }: Args<{ eps: number }>) {
      float32(BATCH_NORM, x, gamma, beta);
      const c = x.shape[x.shape.length - 1], m = util.sizeFromShape(x.shape) / c;
      const [y, mean, variance] = [x.shape, [c], [c]].map((shape) => backend.makeOutput(shape, "float32"));
      const t = { x, gamma, beta, y, mean, variance };
      inPlace.batchNorm(m, c, attrs.eps, addresses(backend, t));
      return [y, mean, variance];
    },
    [BATCH_NORM_GRAD]({ inputs: { dy, x, mean, variance, gamma }, backend, attrs }: Args<{ eps: number }>) {
      float32(BATCH_NORM_GRAD, dy, x, mean, variance, gamma);
      const c = x.shape[x.shape.length - 1], m = util.sizeFromShape(x.shape) / c;
      const [dx, dgamma, dbeta] = [x.shape, [c], [c]].map((shape) => backend.makeOutput(shape, "float32"));
      const t = { dy, x, mean, variance, gamma, dx, dgamma, dbeta };
      inPlace.batchNormGrad(m, c, attrs.eps, addresses(backend, t));
      return [dx, dgamma, dbeta];
    },
  };
}

const originals = new Map<string, KernelConfig>();

/** Makes the wasm backend run our kernels, replacing its own. */
export function registerWasmKernels(rt: KernelRuntime, inPlace: InPlaceKernels): void {
  const original = (name: string) => originals.get(name)!.kernelFunc as unknown as Kernel;
  for (const [kernelName, kernelFunc] of Object.entries(kernels(rt, inPlace, original))) {
    const existing = getKernel(kernelName, "wasm");
    if (existing && !originals.has(kernelName)) originals.set(kernelName, existing);
    if (existing) unregisterKernel(kernelName, "wasm");
    const config: KernelConfig = {
      kernelName,
      backendName: "wasm",
      kernelFunc: kernelFunc as unknown as KernelFunc,
    };
    registerKernel(config);
  }
}
