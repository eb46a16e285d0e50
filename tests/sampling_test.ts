// Latent vectors from seeds (shared by the server and the browser): the
// stream of Rng.seeded, truncation by redrawing, interpolation, arithmetic.
import { assert, assertEquals, assertThrows } from "./assert.ts";
import { Rng } from "../src/random.ts";
import { combineTerms, interpolate, seedLatents } from "../src/sampling/latents.ts";

Deno.test("seedLatents is Rng.seeded(seed).normals, so a grid's first vector is the seed's vector", () => {
  assertEquals(seedLatents(42, 3, 5), Rng.seeded(42).normals(15));
  assertEquals(seedLatents(42, 3, 5).subarray(0, 5), seedLatents(42, 1, 5));
});

Deno.test("truncation redraws values beyond ±t from the same stream, deterministically", () => {
  const z = seedLatents(7, 64, 100, 0.5);
  assert(z.every((v) => Math.abs(v) <= 0.5));
  assertEquals(z, seedLatents(7, 64, 100, 0.5));
  const expected = Array.from(
    Rng.seeded(7).normals(20000).filter((v) => Math.abs(v) <= 0.5).subarray(0, 6400),
  );
  assertEquals(Array.from(z), expected);
  // At 0 no normal lands inside: refused, not redrawn forever.
  for (const t of [0, -1, 0.05, NaN]) assertThrows(() => seedLatents(7, 1, 4, t), RangeError, "below 0.1");
});

Deno.test("interpolation runs from a to b; slerp keeps the norm of equal-norm ends", () => {
  const a = Float32Array.of(3, 0), b = Float32Array.of(0, 3);
  for (const space of ["linear", "slerp"] as const) {
    const path = interpolate(a, b, 5, space);
    assertEquals(path.subarray(0, 2), a);
    assert(Math.abs(path[8]) < 1e-6 && Math.abs(path[9] - 3) < 1e-6, `${space} ends at b`);
  }
  const middle = interpolate(a, b, 3, "slerp").subarray(2, 4);
  assert(Math.abs(Math.hypot(middle[0], middle[1]) - 3) < 1e-5, "slerp stays on the circle");
  assertEquals(interpolate(a, b, 3, "linear").subarray(2, 4), Float32Array.of(1.5, 1.5));
  assertEquals(interpolate(a, a, 3, "slerp").subarray(2, 4), a); // parallel ends: no plane to turn in
});

Deno.test("arithmetic: each term's mean over its seeds, then their signed sum", () => {
  const { means, result } = combineTerms([{ seeds: [1, 2], sign: 1 }, { seeds: [3], sign: -1 }], 4);
  const [z1, z2, z3] = [1, 2, 3].map((seed) => seedLatents(seed, 1, 4));
  for (let i = 0; i < 4; i++) {
    assert(Math.abs(means[0][i] - (z1[i] + z2[i]) / 2) < 1e-6);
    assertEquals(means[1][i], z3[i]);
    assert(Math.abs(result[i] - (means[0][i] - means[1][i])) < 1e-6);
  }
});
