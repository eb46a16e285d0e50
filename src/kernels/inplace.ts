/**
 * Memory-bound kernels (wasm/inplace.wasm: leaky ReLU, tanh, softplus, row sums,
 * maxout, batch norm, Adam, matrix-vector products, Gaussian noise) running inside the tfjs
 * wasm backend's own memory, on tensors where they lie. Copying them into
 * our threads' shared memory and back would cost more than the arithmetic;
 * that memory is not shared, so they run on one thread.
 * Addresses are byte offsets into that memory.
 */
import { STACK_BYTES } from "./runtime.ts";
import { type Field, writeStruct } from "./struct.ts";

const TASK_BYTES = 128; // room for the largest task struct, gaussian_noise's 20 fields (80 bytes)

type Run = (task: number) => void;

export interface Heap {
  memory: WebAssembly.Memory;
  malloc(bytes: number): number;
  free(ptr: number): void;
}

export class InPlaceKernels {
  readonly #heap: Heap;
  readonly #exports: Record<string, Run>;
  readonly #task: number;

  constructor(module: WebAssembly.Module, heap: Heap) {
    const instance = new WebAssembly.Instance(module, { env: { memory: heap.memory } });
    // The module's default stack would lie in tfjs's data: give it its own.
    this.#heap = heap;
    (instance.exports.__stack_pointer as WebAssembly.Global).value = this.#malloc(STACK_BYTES) + STACK_BYTES;
    this.#exports = instance.exports as unknown as Record<string, Run>;
    this.#task = this.#malloc(TASK_BYTES);
  }

  /** out = x > 0 ? x : alpha·x over n floats. */
  leakyRelu(n: number, alpha: number, x: number, out: number): void {
    this.#run("leaky_relu", [n, { f32: alpha }, x, 0, out]);
  }

  /** out = x > 0 ? dy : alpha·dy over n floats: the leaky ReLU's gradient. */
  leakyReluGrad(n: number, alpha: number, x: number, dy: number, out: number): void {
    this.#run("leaky_relu_grad", [n, { f32: alpha }, x, dy, out]);
  }

  /** out = tanh(x) over n floats. */
  tanh(n: number, x: number, out: number): void {
    this.#run("tanh_forward", [n, x, 0, out]);
  }

  /** out = dy·(1 − y²) over n floats, from y = tanh(x): tanh's gradient. */
  tanhGrad(n: number, y: number, dy: number, out: number): void {
    this.#run("tanh_grad", [n, y, dy, out]);
  }

  /** out = softplus(x) = log(1 + eˣ) over n floats. */
  softplus(n: number, x: number, out: number): void {
    this.#run("softplus_forward", [n, x, 0, out]);
  }

  /** One Adam update of n floats: p, g, m, v in, p1, m1, v1 out. */
  adam(
    n: number,
    s: { beta1: number; beta2: number; size: number; eps: number },
    t: { p: number; g: number; m: number; v: number; p1: number; m1: number; v1: number },
  ): void {
    const floats = [s.beta1, s.beta2, 1 - s.beta1, 1 - s.beta2, s.size, s.eps].map((f32) => ({ f32 }));
    this.#run("adam", [n, ...floats, t.p, t.g, t.m, t.v, t.p1, t.m1, t.v1]);
  }

  /** out = x + std·noise over n floats, the noise drawn from 16 seed words (wasm/noise.c). */
  gaussianNoise(n: number, std: number, seeds: number[], x: number, out: number): void {
    if (seeds.length !== 16) throw new Error(`gaussianNoise: ${seeds.length} seed words, not 16`);
    this.#run("gaussian_noise", [n, { f32: std }, x, out, ...seeds]);
  }

  /** c[m, n] = a[m, k] · b[k, n] (a stored [k, m] where transposed) where n or k is 1. */
  matVec(g: { m: number; k: number; n: number; transposeA: boolean }, a: number, b: number, c: number): void {
    this.#run("mat_vec", [g.m, g.k, g.n, g.transposeA ? 1 : 0, a, b, c]);
  }

  /** out[j] = Σ_i x[i, j] for x[m, c]. */
  sumRows(m: number, c: number, x: number, out: number): void {
    this.#run("sum_rows", [m, c, x, out]);
  }

  /** out[j] = Σ_i x[i, j]² for x[m, c]. */
  sumSquaresRows(m: number, c: number, x: number, out: number): void {
    this.#run("sum_squares_rows", [m, c, x, out]);
  }

  /** out[u] = max_k x[u, k] for x[units, pieces]. */
  maxout(units: number, pieces: number, x: number, out: number): void {
    this.#run("maxout", [units, pieces, x, 0, out]);
  }

  /** Maxout's gradient: out[u, k] = dy[u] at each unit's first largest piece, 0 at the others. */
  maxoutGrad(units: number, pieces: number, x: number, dy: number, out: number): void {
    this.#run("maxout_grad", [units, pieces, x, dy, out]);
  }

  /** y, and the batch mean and variance of x[m, c], by column. */
  batchNorm(
    m: number,
    c: number,
    eps: number,
    t: { x: number; gamma: number; beta: number; y: number; mean: number; variance: number },
  ): void {
    this.#withScratch(
      2 * c,
      (tmp) =>
        this.#run("bn_forward", [m, c, { f32: eps }, t.x, t.gamma, t.beta, t.y, t.mean, t.variance, tmp]),
    );
  }

  batchNormGrad(
    m: number,
    c: number,
    eps: number,
    t: {
      dy: number;
      x: number;
      mean: number;
      variance: number;
      gamma: number;
      dx: number;
      dgamma: number;
      dbeta: number;
    },
  ): void {
    this.#withScratch(
      3 * c,
      (tmp) =>
        this.#run("bn_backward", [
          m,
          c,
          { f32: eps },
          t.dy,
          t.x,
          t.mean,
          t.variance,
          t.gamma,
          t.dx,
          t.dgamma,
          t.dbeta,
          tmp,
        ]),
    );
  }

  /** tfjs's malloc, which answers 0 when its heap cannot grow: the kernels would write at address 0. */
  #malloc(bytes: number): number {
    const ptr = this.#heap.malloc(bytes);
    if (ptr === 0) throw new Error(`the wasm backend's heap has no room for ${bytes} bytes`);
    return ptr;
  }

  #withScratch(floats: number, f: (ptr: number) => void): void {
    const ptr = this.#malloc(floats * 4);
    try {
      f(ptr);
    } finally {
      this.#heap.free(ptr);
    }
  }

  /** Writes the task struct (int32 and `{ f32 }` fields) and runs the kernel. */
  #run(name: string, fields: Field[]): void {
    if (fields.length * 4 > TASK_BYTES) {
      throw new Error(`${name}: its task struct outgrows ${TASK_BYTES} bytes`);
    }
    // memory.buffer afresh each time: tfjs may have grown (and so replaced) it.
    writeStruct(this.#heap.memory.buffer, this.#task, fields);
    this.#exports[name](this.#task);
  }
}
