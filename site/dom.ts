/// <reference no-default-lib="true" />
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/// <reference lib="esnext" />
/** The page's elements by id, typed; a missing one is a bug in index.html. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`index.html has no #${id}`);
  return element as T;
}

/** A number input's value as a seed: a whole number from 0 to 2^32 - 1, or undefined. */
export function seedOf(input: HTMLInputElement): number | undefined {
  const value = Number(input.value);
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : undefined;
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}
