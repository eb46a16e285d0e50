/**
 * Wraps every kernel of a backend to count calls, milliseconds and, for the
 * matrix-product and convolution kernels, floating-point operations. Used by
 * the benchmark (GFLOP/s of a training iteration) and for profiling.
 */
import * as tf from "@tensorflow/tfjs-core";

export interface KernelStats {
  calls: number;
  ms: number;
  flops: number;
}

type Info = { shape: number[] };
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Multiply-adds × 2 of the kernels that do the arithmetic; 0 for the rest. */
function flops(
  kernel: string,
  inputs: Record<string, Info>,
  attrs: Record<string, unknown>,
  out: Info,
): number {
  switch (kernel) {
    case "BatchMatMul": {
      const a = inputs.a.shape;
      return 2 * size(out.shape) * (attrs.transposeA ? a[a.length - 2] : a[a.length - 1]);
    }
    case "Conv2D": // out × (fh·fw·in)
    case "FusedConv2D":
      return 2 * size(out.shape) * size(inputs.filter.shape.slice(0, 3));
    case "Conv2DBackpropInput": // dy × (fh·fw·in)
      return 2 * size(inputs.dy.shape) * size(inputs.filter.shape.slice(0, 3));
    case "Conv2DBackpropFilter": // dy × (fh·fw·in)
      return 2 * size(inputs.dy.shape) * size((attrs.filterShape as number[]).slice(0, 3));
    default:
      return 0;
  }
}

/** Instruments `backend`'s kernels; returns the live stats and a function that undoes it. */
export function profileKernels(backend: string): { stats: Map<string, KernelStats>; stop: () => void } {
  const stats = new Map<string, KernelStats>();
  const originals = tf.getKernelsForBackend(backend);
  for (const config of originals) {
    const run = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, backend);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const t0 = performance.now();
        const out = run(args);
        const s = stats.get(config.kernelName) ?? { calls: 0, ms: 0, flops: 0 };
        s.ms += performance.now() - t0;
        s.calls++;
        const first = (Array.isArray(out) ? out[0] : out) as Info;
        s.flops += flops(config.kernelName, args.inputs as Record<string, Info>, args.attrs ?? {}, first);
        stats.set(config.kernelName, s);
        return out;
      },
    });
  }
  const stop = () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backend);
      tf.registerKernel(config);
    }
  };
  return { stats, stop };
}
