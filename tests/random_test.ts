// The seeded generator: normals(n) is the same stream as n calls of normal(),
// so that a checkpoint's saved state resumes it exactly whichever was used.
import { assert, assertEquals } from "./assert.ts";
import { Rng } from "../src/random.ts";

Deno.test("normals(n) draws what n calls of normal() draw, from any point of a Box-Muller pair", () => {
  const batched = Rng.seeded(5), single = Rng.seeded(5);
  for (const n of [1, 2, 3, 7, 10, 1, 0, 4]) {
    assertEquals(
      Array.from(batched.normals(n)),
      Array.from({ length: n }, () => Math.fround(single.normal())),
    );
  }
  assertEquals(batched.state, single.state);
});

Deno.test("normals are standard normal", () => {
  const x = Rng.seeded(6).normals(200_001);
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
  assert(Math.abs(mean) < 0.01 && Math.abs(variance - 1) < 0.01, `mean ${mean}, variance ${variance}`);
});
