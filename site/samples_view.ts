/** The sample grid, with its seed, class and truncation controls and the "New seed" button. */
import { byId, randomSeed, seedOf } from "./dom.ts";
import { reporting } from "./notice.ts";
import { canvasSlot, queryOf } from "./picture.ts";
import { onChange, type Store } from "./settings.ts";

/** Samples in the grid: about 6 x 6. */
const GRID = 36;
const COLUMNS = 6;

export function mountSamples(store: Store): void {
  const canvas = byId<HTMLCanvasElement>("grid");
  const show = canvasSlot(canvas);
  const seedInput = byId<HTMLInputElement>("seed");
  const classPicker = byId<HTMLSelectElement>("class");
  const truncation = byId<HTMLSelectElement>("truncation");

  // Only the button writes the input: a render never overwrites a seed the user is typing.
  byId("new-seed").addEventListener("click", () => {
    seedInput.value = String(randomSeed());
    store.set({ seed: seedOf(seedInput)! });
  });
  seedInput.addEventListener("change", () => {
    const value = seedOf(seedInput);
    if (value !== undefined) store.set({ seed: value });
  });
  classPicker.addEventListener("change", () => {
    store.set({ label: classPicker.value === "" ? undefined : Number(classPicker.value) });
  });
  truncation.addEventListener("change", () => {
    store.set({ truncation: truncation.value === "" ? undefined : Number(truncation.value) });
  });

  onChange(store, ({ model }) => [model], ({ model }) => model && showClasses(model.classes, classPicker));
  onChange(
    store,
    ({ renderer, seed, label, truncation }) => [renderer, seed, label, truncation],
    (settings) => {
      const { model, renderer, seed, label, truncation } = settings;
      if (!model || !renderer) return;
      const query = { ...layout(model.config.classes, label), seed, label, truncation };
      reporting(() => show(() => renderer.grid(query), queryOf(query)));
    },
  );
}

/**
 * A square grid; for a conditional model's classes in turn, columns of one class each, unless they are
 * more than a grid holds (stacked MNIST's 1,000): then a square grid of the first classes.
 */
function layout(classes: number, label?: number): { n: number; columns?: number } {
  if (!classes || label !== undefined || classes > GRID) return { n: GRID };
  const columns = classes * Math.max(1, Math.round(COLUMNS / classes));
  return { n: columns * Math.ceil(GRID / columns), columns };
}

/** The class picker: "all, in turn" and the model's classes; hidden for an unconditional model. */
function showClasses(names: string[], picker: HTMLSelectElement): void {
  picker.replaceChildren(
    new Option("all, in turn", ""),
    ...names.map((name, i) => new Option(name, String(i))),
  );
  byId("class-field").hidden = names.length === 0;
}
