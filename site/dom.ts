/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="esnext" />
import { SEED } from "../src/sampling/latents.ts";

/** The page's elements by id, typed; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

/** A number input's value as a seed, or undefined where it is none. */
export function seedOf(input: HTMLInputElement): number | undefined {
  const seed = SEED.safeParse(Number(input.value));
  return seed.success ? seed.data : undefined;
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
