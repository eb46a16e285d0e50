/** The server's JSON API, as the page uses it. */
import type { generatorView, translatorView } from "../src/serve/model_view.ts";

/** What GET /api/models says of a GAN: the server's own type, as JSON carries it. */
export type ModelInfo = ReturnType<typeof generatorView>;
/** ... and of a translation model (pix2pix, SRGAN, CycleGAN). */
export type TranslatorInfo = ReturnType<typeof translatorView>;

/** Every model GET /api/models lists. */
export async function listModels(): Promise<(ModelInfo | TranslatorInfo)[]> {
  return (await getJson<{ models: (ModelInfo | TranslatorInfo)[] }>("/api/models")).models;
}

export const isGenerator = (m: ModelInfo | TranslatorInfo): m is ModelInfo => m.kind !== "translation";

/** The response to `init`; an error response throws the server's `{error}`. */
export async function request(url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const body = await response.json().catch(() => ({}));
  throw new Error(body.error ?? `${response.status} ${response.statusText}`);
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  return (await request(url, init)).json();
}

export function bearer(token: string): HeadersInit {
  return { authorization: `Bearer ${token}` };
}
