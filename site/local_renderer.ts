/**
 * Samples made in the browser: the server's generator code and latent seeds,
 * on the model's downloaded weights and our kernels on the page's one thread
 * (wasm/gemm_single.wasm, which the server serves under /wasm/).
 */
import { decodeTensors, type Tensors } from "../src/checkpoint/tensors.ts";
import { imageGrid } from "../src/image/grid.ts";
import { KernelRuntime } from "../src/kernels/runtime.ts";
import type { CodeRequest } from "../src/sampling/codes.ts";
import { forwardGenerator } from "../src/sampling/forward.ts";
import { generate, sharedCodes, sharedLabel } from "../src/sampling/generator.ts";
import { combineTerms, interpolate, seedLatents } from "../src/sampling/latents.ts";
import { type ModelInfo, request } from "./api.ts";
import { toImageData } from "./picture.ts";
import type { Renderer } from "./renderer.ts";

let kernels: Promise<KernelRuntime> | undefined;

/** Our kernels, compiled once per page. */
function startKernels(): Promise<KernelRuntime> {
  return kernels ??= WebAssembly.compileStreaming(fetch("/wasm/gemm_single.wasm")).then(KernelRuntime.single);
}

export async function localRenderer(model: ModelInfo): Promise<Renderer> {
  const config = model.config;
  const [rt, weights] = await Promise.all([startKernels(), downloadWeights(model.links.weights)]);
  const G = forwardGenerator(config, weights, rt);
  const [height, width, channels] = config.shape;
  /** Samples of the noise rows `z`; where they belong together (`shared`), with one label and one set of codes. */
  const picture = (
    z: Float32Array,
    label: number | undefined,
    columns?: number,
    shared?: CodeRequest,
  ) => {
    const n = z.length / config.latent;
    const codes = shared && sharedCodes(config, n, shared);
    const values = generate(G, config, z, {
      label: shared ? sharedLabel(config, label) : label,
      codes,
    });
    return Promise.resolve(toImageData(imageGrid(values, n, height, width, channels as 1 | 3, columns)));
  };
  const latent = (seed: number, truncation?: number) => seedLatents(seed, 1, config.latent, truncation);
  return {
    engine: "in your browser (wasm)",
    grid: ({ n, seed, columns, label, truncation }) =>
      picture(seedLatents(seed, n, config.latent, truncation), label, columns),
    strip: ({ from, to, steps, space, label, truncation }) =>
      picture(interpolate(latent(from, truncation), latent(to, truncation), steps, space), label, steps, {}),
    arithmetic: ({ terms, label, truncation }) => {
      const { strip } = combineTerms(terms, config.latent, truncation);
      return picture(strip, label, terms.length + 1, {});
    },
    single: (z, label, codes = {}) => picture(z, label, 1, codes),
  };
}

/** The generator's float32 tensors, as GET /api/models/:id/weights serves them. */
async function downloadWeights(url: string): Promise<Tensors> {
  return decodeTensors(new Uint8Array(await (await request(url)).arrayBuffer()));
}
