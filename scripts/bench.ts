/**
 * deno task bench [--json] [--seconds N] [--only kernels|sampling|train] [--threads N]
 *
 * (a) Kernel GFLOP/s at DCGAN sizes, on 1 thread and on all threads.
 * Sampling latency of the default recipe's MNIST DCGAN (projection-mnist) for
 * 1, 16 and 64 samples, on the server's kernels and on the single thread of
 * the edge and the browser.
 * (b) Training throughput (samples/s, and GFLOP/s of the matrix kernels) of
 *     the reference `mlp` and `dcgan` of ../shared/bench/ARCHITECTURES.md,
 *     followed, where PyTorch is installed, by its reference on the same
 *     machine and the ratio; then `wgan-gp`: the reference G, the same D
 *     without batch norm, and one gradient penalty per D update, beside the
 *     same iteration without the penalty.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { defaultThreads, initBackend, kernelRuntime } from "../src/backend/select.ts";
import { KernelRuntime } from "../src/kernels/runtime.ts";
import { compileKernels } from "../src/kernels/threaded_runtime.ts";
import { type KernelStats, profileKernels } from "../src/backend/kernel_profile.ts";
import * as z from "zod/mini";
import { int, number, option } from "../src/options/options.ts";
import { parseCommandLine } from "../src/cli/command_line.ts";
import { type ModelConfig, referenceConfig } from "../src/models/config.ts";
import { loadWeights } from "../src/checkpoint/checkpoint.ts";
import { Rng } from "../src/random.ts";
import { forwardGenerator } from "../src/sampling/forward.ts";
import { generate } from "../src/sampling/generator.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import { readRunRecord } from "../src/train/run_record.ts";
import { createGan, REFERENCE_OPTIMIZER } from "../src/train/gan.ts";
import type { LossName } from "../src/train/losses.ts";
import { NO_PENALTIES, type Penalties } from "../src/train/penalties.ts";
import { ganUpdate } from "../src/train/updates.ts";

const FLAGS = z.strictObject({
  json: option(z.boolean(), "print one JSON object per result", false),
  seconds: option(number(1), "seconds to time each training benchmark", 10),
  only: option(z.enum(["all", "kernels", "train", "sampling"]), "which part to run", "all"),
  profile: option(z.boolean(), "print each training row's time per kernel", false),
  threads: option(int(1, 256), "threads for the 'all threads' runs", defaultThreads()),
});

const flags = parseCommandLine(
  "deno task bench",
  "Kernel and training benchmarks, side by side with PyTorch.",
  FLAGS,
  Deno.args,
);
const { json, seconds, threads } = flags;

// 128-bit SIMD with two FMA ports: 16 flop per cycle per core.
const mhz = Number(
  /cpu MHz\s*:\s*([\d.]+)/.exec(await Deno.readTextFile("/proc/cpuinfo").catch(() => ""))?.[1] ?? 0,
);
const peak = (t: number) => 16 * (mhz / 1000) * t;

function report(result: Record<string, unknown>, text: string) {
  console.log(json ? JSON.stringify(result) : text);
}

/** Mean milliseconds per call of `f` over about `ms` milliseconds, after two warm-up calls. */
async function time(f: () => unknown, ms: number): Promise<number> {
  await f();
  await f();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < ms) {
    await f();
    n++;
  }
  return (performance.now() - t0) / n;
}

function kernelCases() {
  const t = (shape: number[]) => tf.randomNormal(shape);
  const x = t([64, 14, 14, 64]) as tf.Tensor4D, w = t([4, 4, 64, 128]) as tf.Tensor4D;
  const y = t([64, 7, 7, 128]) as tf.Tensor4D,
    z = t([64, 100]) as tf.Tensor2D,
    wd = t([100, 6272]) as tf.Tensor2D;
  const a = t([3136, 1024]) as tf.Tensor2D, b = t([1024, 128]) as tf.Tensor2D;
  const c3 = t([16, 28, 28, 64]) as tf.Tensor4D, w3 = t([3, 3, 64, 64]) as tf.Tensor4D;
  const conv = { strides: 2, pad: 1, dataFormat: "NHWC" } as const;
  const run = (kernel: string, inputs: tf.NamedTensorMap, attrs: Record<string, unknown>) => () =>
    tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
  const convFlops = 2 * 64 * 7 * 7 * 128 * 4 * 4 * 64;
  return [
    { name: "matMul 64x100 · 100x6272 (G dense)", flops: 2 * 64 * 100 * 6272, f: () => tf.matMul(z, wd) },
    { name: "matMul 3136x1024 · 1024x128", flops: 2 * 3136 * 1024 * 128, f: () => tf.matMul(a, b) },
    { name: "conv2d 64x14x14x64 k4s2 →128 (D)", flops: convFlops, f: () => tf.conv2d(x, w, 2, 1) },
    {
      name: "conv2dBackpropInput (D)",
      flops: convFlops,
      f: run("Conv2DBackpropInput", { dy: y, filter: w }, { ...conv, inputShape: x.shape }),
    },
    {
      name: "conv2dBackpropFilter (D)",
      flops: convFlops,
      f: run("Conv2DBackpropFilter", { x, dy: y }, { ...conv, filterShape: w.shape }),
    },
    {
      name: "conv2dTranspose 64x7x7x128 →64 (G)",
      flops: convFlops,
      f: () => tf.conv2dTranspose(y, w, [64, 14, 14, 64], 2, 1),
    },
    // The image-to-image networks' convolution (src/models/translation_layers.ts): 3x3, stride 1.
    {
      name: "conv2d 16x28x28x64 k3s1 →64 (CycleGAN)",
      flops: 2 * 16 * 28 * 28 * 64 * 9 * 64,
      f: () => tf.conv2d(c3, w3, 1, 1),
    },
  ];
}

async function benchKernels() {
  for (const t of new Set([1, threads])) {
    const info = await initBackend({ backend: "wasm", threads: t, log: !json });
    for (const c of kernelCases()) {
      const ms = await time(() => c.f().dispose(), 1000);
      const gflops = c.flops / ms / 1e6;
      const frac = mhz ? gflops / peak(t) : undefined;
      report(
        { name: c.name, gflops, ms, backend: info.backend, threads: t, peak_fraction: frac },
        `${c.name.padEnd(40)} ${t} thread${t > 1 ? "s" : " "}  ${ms.toFixed(2).padStart(7)} ms  ${
          gflops.toFixed(1).padStart(6)
        } GFLOP/s${frac ? `  ${(100 * frac).toFixed(0)}% of peak` : ""}`,
      );
    }
  }
}

interface TrainingCase {
  name: string;
  config: ModelConfig;
  loss: LossName;
  penalties: Penalties;
}

const REFERENCE = (arch: "mlp" | "dcgan"): TrainingCase => ({
  name: arch,
  config: referenceConfig(arch),
  loss: REFERENCE_OPTIMIZER.loss,
  penalties: NO_PENALTIES,
});

/** The reference G against a critic without batch norm, without and with WGAN-GP's penalty. */
const CRITIC: TrainingCase = {
  name: "dcgan, D without batch norm",
  config: { ...referenceConfig("dcgan"), dNorm: "none" },
  loss: "wgan-gp",
  penalties: NO_PENALTIES,
};
const WGAN_GP: TrainingCase = { ...CRITIC, name: "wgan-gp", penalties: { ...NO_PENALTIES, gp: 10 } };

async function benchTraining({ name, config, loss, penalties }: TrainingCase) {
  const info = await initBackend({ backend: "wasm", threads, log: false });
  const rng = Rng.seeded(0);
  const gan = createGan(config, { ...REFERENCE_OPTIMIZER, loss }, rng);
  const batch = 64;
  const real = tf.randomUniform([batch, 28, 28, 1], -1, 1);
  const mix = tf.randomUniform([batch, 1, 1, 1]);
  const iteration = async () => {
    const z = tf.tensor(rng.normals(batch * 100), [batch, 100]);
    await ganUpdate(gan, { real, z, mix }, { penalties });
    z.dispose();
  };
  for (let i = 0; i < 5; i++) await iteration();
  const profiled = 10;
  const profile = profileKernels("wasm");
  const t0 = performance.now();
  for (let i = 0; i < profiled; i++) await iteration();
  const profiledMs = (performance.now() - t0) / profiled;
  profile.stop();
  const flopsPerIteration = [...profile.stats.values()].reduce((s, k) => s + k.flops, 0) / profiled;
  if (flags.profile) printProfile(name, profile.stats, profiled, profiledMs);
  const ms = await time(iteration, seconds * 1000);
  const samplesPerS = batch / (ms / 1000), gflops = flopsPerIteration / ms / 1e6;
  report(
    { name: `train ${name}`, samples_per_s: samplesPerS, gflops, ms, backend: info.backend, threads },
    `train ${name.padEnd(6)} ${threads} threads  ${samplesPerS.toFixed(1).padStart(8)} samples/s  ${
      gflops.toFixed(1)
    } GFLOP/s (${(flopsPerIteration / 1e9).toFixed(2)} GFLOP per iteration)`,
  );
  tf.dispose([real, mix]);
  return { samplesPerS, ms };
}

/** Milliseconds per iteration in each kernel, and outside them (tfjs's op machinery, our JS). */
function printProfile(name: string, stats: Map<string, KernelStats>, iterations: number, ms: number) {
  const rows = [...stats].map(([kernel, s]) => ({
    kernel,
    calls: s.calls / iterations,
    ms: s.ms / iterations,
  }))
    .sort((a, b) => b.ms - a.ms);
  const inKernels = rows.reduce((s, r) => s + r.ms, 0);
  rows.push({ kernel: "(outside kernels)", calls: 0, ms: ms - inKernels });
  for (const r of rows.filter((r) => r.ms >= 0.05)) {
    report(
      { name: `profile ${name}`, kernel: r.kernel, calls_per_iteration: r.calls, ms_per_iteration: r.ms },
      `  ${r.kernel.padEnd(32)} ${r.calls.toFixed(0).padStart(4)} calls  ${r.ms.toFixed(2).padStart(7)} ms  ${
        (100 * r.ms / ms).toFixed(1).padStart(5)
      }%`,
    );
  }
}

/**
 * The model whose sampling is timed: the default recipe's, the half-width MNIST DCGAN that the edge
 * budgets are measured on too (dcgan-mnist's 1024-unit layer is 6.7 MB, more than an edge bundle holds).
 */
const SAMPLED = "projection-mnist";

/**
 * Latency of sampling 1, 16 and 64 images from SAMPLED, on our kernels
 * without tfjs (src/sampling/forward.ts): on the server's runtime (`threads`
 * threads), then on the single thread of the edge and the browser.
 */
async function benchSampling() {
  await initBackend({ backend: "wasm", threads, log: false });
  await timeSampling(`server, ${threads} threads`, await kernelRuntime());
  await timeSampling("edge, 1 thread", KernelRuntime.single(await compileKernels("gemm_single.wasm")));
}

async function timeSampling(engine: string, rt: KernelRuntime) {
  const dir = fileURLToPath(new URL(`../models/${SAMPLED}`, import.meta.url));
  const { config, weights } = await loadWeights(dir);
  const { model } = readRunRecord(config, dir);
  const G = forwardGenerator(model, weights, rt);
  for (const n of [1, 16, 64]) {
    const z = seedLatents(0, n, model.latent);
    // Half a second first, so that V8 has optimised the sampling code before any row is timed, the first too.
    for (const end = performance.now() + 500; performance.now() < end;) generate(G, model, z);
    const ms = await time(() => generate(G, model, z), 2000);
    report(
      {
        name: `sample ${SAMPLED} n=${n}`,
        ms,
        samples_per_s: n / (ms / 1000),
        threads: rt.threads,
      },
      `sample ${SAMPLED} ${String(n).padStart(2)}   ${engine.padEnd(19)} ${ms.toFixed(2).padStart(7)} ms  ${
        (n / (ms / 1000)).toFixed(0).padStart(6)
      } samples/s`,
    );
  }
}

/** PyTorch's samples/s for the same network, or undefined, saying why, where it cannot run. */
async function torchReference(arch: string): Promise<number | undefined> {
  const script = fileURLToPath(new URL("../../shared/bench/torch_gan.py", import.meta.url));
  const python = "/usr/bin/python3";
  const skip = (why: string) => void console.error(`torch ${arch}: skipped, ${why}`);
  if (!existsSync(script)) return skip(`no ${script} (the PyTorch reference sits beside the checkout)`);
  const has = await new Deno.Command(python, { args: ["-c", "import torch"], stderr: "null" }).output()
    .then((o) => o.success, () => false);
  if (!has) return skip(`${python} has no torch (apt-get install python3-torch)`);
  const out = await new Deno.Command(python, { args: [script, arch, String(threads), String(seconds)] })
    .output();
  const m = /samples_per_s=([\d.]+)/.exec(new TextDecoder().decode(out.stdout));
  return m ? Number(m[1]) : skip(`torch_gan.py printed no samples_per_s (exit ${out.code})`);
}

const only = flags.only as string;
if (only === "all" || only === "kernels") await benchKernels();
if (only === "all" || only === "sampling") await benchSampling();
if (only === "all" || only === "train") {
  for (const arch of ["mlp", "dcgan"] as const) {
    const ours = (await benchTraining(REFERENCE(arch))).samplesPerS;
    const torch = await torchReference(arch);
    if (torch !== undefined) {
      report(
        { name: `torch ${arch}`, samples_per_s: torch, backend: "pytorch", threads, ratio: ours / torch },
        `torch ${arch.padEnd(6)} ${threads} threads  ${
          torch.toFixed(1).padStart(8)
        } samples/s  → edgegan is ${(ours / torch).toFixed(2)}x PyTorch`,
      );
    }
  }
  const plain = await benchTraining(CRITIC), penalised = await benchTraining(WGAN_GP);
  const cost = penalised.ms / plain.ms - 1;
  report(
    { name: "gradient penalty cost", fraction_of_plain_iteration: cost, threads },
    `wgan-gp's penalty adds ${(100 * cost).toFixed(0)}% to an iteration of the same networks without it`,
  );
}
