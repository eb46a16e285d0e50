/**
 * A seeded random number generator whose whole state is four numbers, so a
 * checkpoint can save it and a resumed run draws exactly what an unbroken
 * run would have drawn. xoshiro128** (Blackman and Vigna), seeded by splitmix32.
 */
/** The largest seed: Rng.seeded takes 32 bits, so a larger one would wrap onto a smaller one's stream. */
export const MAX_SEED = 0xffffffff;

export class Rng {
  readonly #s: Uint32Array;
  #spare: number | undefined; // the second normal of a Box-Muller pair

  private constructor(state: ArrayLike<number>, spare?: number) {
    this.#s = Uint32Array.from(state);
    this.#spare = spare;
  }

  static seeded(seed: number): Rng {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    return new Rng([next(), next(), next(), next()]);
  }

  /** The state to save; `Rng.restore(rng.state)` continues the same stream. */
  get state(): RngState {
    return { s: Array.from(this.#s), spare: this.#spare ?? null };
  }

  /** Continues, in place, the stream whose state was saved: for an Rng that others already hold. */
  continueFrom(state: RngState): void {
    this.#s.set(state.s);
    this.#spare = state.spare ?? undefined;
  }

  static restore(state: RngState): Rng {
    return new Rng(state.s, state.spare ?? undefined);
  }

  uint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    if (this.#spare !== undefined) {
      const z = this.#spare;
      this.#spare = undefined;
      return z;
    }
    const u = 1 - this.float(), v = this.float();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  normals(n: number): Float32Array {
    const out = new Float32Array(n);
    let i = 0;
    if (n > 0 && this.#spare !== undefined) out[i++] = this.normal();
    // The same draws as normal() n times, a Box-Muller pair at a time without the spare's bookkeeping.
    for (; i + 2 <= n; i += 2) {
      const u = 1 - this.float(), v = 2 * Math.PI * this.float();
      const r = Math.sqrt(-2 * Math.log(u));
      out[i] = r * Math.cos(v);
      out[i + 1] = r * Math.sin(v);
    }
    if (i < n) out[i] = this.normal();
    return out;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

export interface RngState {
  s: number[];
  spare: number | null;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
