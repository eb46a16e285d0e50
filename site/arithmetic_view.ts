/**
 * Latent arithmetic, DCGAN's "man with glasses − man + woman": three groups
 * of seeds, each group's mean latent vector, and A − B + C, shown after them.
 */
import type { Term } from "../src/sampling/latents.ts";
import { byId, parseSeed, randomSeed } from "./dom.ts";
import { reporting } from "./notice.ts";
import { canvasSlot } from "./picture.ts";
import { onChange, type Store } from "./settings.ts";

const GROUPS = ["a", "b", "c"] as const;
const SIGNS = [1, -1, 1] as const;
/** Seeds per group that "New seeds" draws: a mean over a few vectors keeps what they share. */
const SEEDS_PER_GROUP = 3;

export function mountArithmetic(store: Store): void {
  const show = canvasSlot(byId<HTMLCanvasElement>("arithmetic-strip"));
  const inputs = GROUPS.map((group) => byId<HTMLInputElement>(`group-${group}`));
  const render = () => {
    const { renderer, label, truncation } = store.get();
    const terms = inputs.map((input, i): Term | undefined => {
      const seeds = input.value.split(",").map(parseSeed);
      const valid = seeds.every((seed) => seed !== undefined);
      input.setCustomValidity(valid ? "" : "seeds: whole numbers, comma-separated");
      return valid ? { seeds: seeds as number[], sign: SIGNS[i] } : undefined;
    });
    if (!renderer || terms.some((term) => term === undefined)) return;
    const query = { terms: terms as Term[], label, truncation };
    reporting(() => show(() => renderer.arithmetic(query), JSON.stringify(query)));
  };
  byId("new-groups").addEventListener("click", () => {
    for (const input of inputs) {
      input.value = Array.from({ length: SEEDS_PER_GROUP }, randomSeed).join(",");
    }
    render();
  });
  for (const input of inputs) input.addEventListener("change", render);
  onChange(store, ({ renderer, label, truncation }) => [renderer, label, truncation], render);
}
