/**
 * Where the page's pictures come from: the generator run in the browser on
 * the model's weights (the same code and seeds as the server, so the same
 * pictures), or, if that cannot start, the server's PNGs.
 */
import type { CodeRequest } from "../src/sampling/codes.ts";
import type { Space, Term } from "../src/sampling/latents.ts";
import type { ModelInfo } from "./api.ts";
import { localRenderer } from "./local_renderer.ts";
import type { Picture } from "./picture.ts";
import { serverRenderer } from "./server_renderer.ts";

/** A grid of samples, as GET /api/models/:id/samples takes it. */
export interface GridQuery {
  n: number;
  seed: number;
  columns?: number;
  label?: number;
  truncation?: number;
}

/** Latent arithmetic, as POST /api/models/:id/arithmetic takes it: the terms' means, then their signed sum. */
export interface ArithmeticQuery {
  terms: Term[];
  label?: number;
  truncation?: number;
}

/** A strip between two seeds, as GET /api/models/:id/interpolate takes it. */
export interface StripQuery {
  from: number;
  to: number;
  steps: number;
  space: Space;
  label?: number;
  truncation?: number;
}

export interface Renderer {
  /** Where the samples are made, said on the page. */
  readonly engine: string;
  /** The grid, tiled as the server tiles it. */
  grid(query: GridQuery): Promise<Picture>;
  strip(query: StripQuery): Promise<Picture>;
  arithmetic(query: ArithmeticQuery): Promise<Picture>;
  /** One sample of noise `z` (and an InfoGAN model's codes); absent where the server samples (its API takes seeds). */
  readonly single?: (z: Float32Array, label?: number, codes?: CodeRequest) => Promise<Picture>;
}

/** The in-browser renderer, or the server's with the reason the first failed; `?engine=server` asks for the server's. */
export async function openRenderer(model: ModelInfo): Promise<{ renderer: Renderer; fallback?: string }> {
  if (new URLSearchParams(location.search).get("engine") === "server") {
    return { renderer: serverRenderer(model) };
  }
  try {
    return { renderer: await localRenderer(model) };
  } catch (e) {
    console.warn("sampling in the browser failed; the server samples instead:", e);
    return { renderer: serverRenderer(model), fallback: (e as Error).message };
  }
}
