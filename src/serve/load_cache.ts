/**
 * Loaded models, the few most recently used kept in memory, each loaded
 * again when its checkpoint changes. A failed load is forgotten, so the next
 * request tries again.
 */
export class LoadCache<E extends { id: string; modified: number }, T> {
  /** Least recently used first: a Map iterates in insertion order. */
  readonly #loaded = new Map<string, { modified: number; value: Promise<T> }>();

  constructor(
    readonly loader: (entry: E) => Promise<T>,
    /** Frees what a loaded value holds outside the JavaScript heap (tfjs variables). */
    readonly dispose: (value: T) => void = () => {},
    readonly capacity = 4,
  ) {}

  load(entry: E): Promise<T> {
    const hit = this.#loaded.get(entry.id);
    if (hit?.modified === entry.modified) {
      this.#loaded.delete(entry.id);
      this.#loaded.set(entry.id, hit); // now the most recently used
      return hit.value;
    }
    if (hit) this.#evict(entry.id);
    const value = this.loader(entry);
    this.#loaded.set(entry.id, { modified: entry.modified, value });
    value.catch(() => {
      if (this.#loaded.get(entry.id)?.value === value) this.#loaded.delete(entry.id);
    });
    while (this.#loaded.size > this.capacity) this.#evict(this.#loaded.keys().next().value!);
    return value;
  }

  #evict(id: string): void {
    const { value } = this.#loaded.get(id)!;
    this.#loaded.delete(id);
    value.then(this.dispose, () => {});
  }
}
