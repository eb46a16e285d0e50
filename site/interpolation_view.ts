/** The strip between two seeds' latent vectors, straight or along the sphere. */
import { byId, randomSeed, seedOf } from "./dom.ts";
import { reporting } from "./notice.ts";
import { canvasSlot, queryOf } from "./picture.ts";
import { onChange, type Store } from "./settings.ts";
import type { Space } from "../src/sampling/latents.ts";

const STEPS = 8;

export function mountInterpolation(store: Store): void {
  const show = canvasSlot(byId<HTMLCanvasElement>("strip"));
  const from = byId<HTMLInputElement>("from");
  const to = byId<HTMLInputElement>("to");
  const space = byId<HTMLSelectElement>("space");
  const render = () => {
    const { renderer, label, truncation } = store.get();
    const [a, b] = [seedOf(from), seedOf(to)];
    if (!renderer || a === undefined || b === undefined) return;
    const query = { from: a, to: b, steps: STEPS, space: space.value as Space, label, truncation };
    reporting(() => show(() => renderer.strip(query), queryOf(query)));
  };
  byId("new-ends").addEventListener("click", () => {
    [from.value, to.value] = [String(randomSeed()), String(randomSeed())];
    render();
  });
  for (const input of [from, to, space]) input.addEventListener("change", render);
  onChange(store, ({ renderer, label, truncation }) => [renderer, label, truncation], render);
}
