/** What the page's views share: the model, its renderer, and the sampling settings; views re-render on change. */
import type { ModelInfo } from "./api.ts";
import type { Renderer } from "./renderer.ts";

export interface Settings {
  model?: ModelInfo;
  renderer?: Renderer;
  seed: number;
  label?: number;
  truncation?: number;
}

type Listener = (settings: Settings) => void;

export class Store {
  #settings: Settings = { seed: 0 };
  readonly #listeners: Listener[] = [];

  get(): Settings {
    return this.#settings;
  }

  set(change: Partial<Settings>): void {
    this.#settings = { ...this.#settings, ...change };
    for (const listener of this.#listeners) listener(this.#settings);
  }

  subscribe(listener: Listener): void {
    this.#listeners.push(listener);
  }
}

/** Calls `listener` when any of the settings that `pick` picks changes (by identity). */
export function onChange(store: Store, pick: (settings: Settings) => unknown[], listener: Listener): void {
  let last: unknown[] = [];
  store.subscribe((settings) => {
    const now = pick(settings);
    if (now.length === last.length && now.every((value, i) => value === last[i])) return;
    last = now;
    listener(settings);
  });
}
