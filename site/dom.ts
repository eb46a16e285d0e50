/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="esnext" />
import { SEED } from "../src/options/options.ts";
import { MAX_SEED } from "../src/random.ts";

/** The page's elements by id, typed; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

/** A seed typed as text, or undefined where it is none (Number("") is 0: empty text is no seed). */
export function parseSeed(text: string): number | undefined {
  const seed = SEED.safeParse(text.trim() === "" ? NaN : Number(text));
  return seed.success ? seed.data : undefined;
}

/** A seed input's value, or undefined where it is none; the input is marked invalid then. */
export function seedOf(input: HTMLInputElement): number | undefined {
  const seed = parseSeed(input.value);
  input.setCustomValidity(seed === undefined ? `a seed: a whole number from 0 to ${MAX_SEED}` : "");
  return seed;
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
