/**
 * The demo site: pick a model; its samples are drawn in the browser from
 * the model's weights (or by the server, if that fails); train a new one
 * and watch it learn.
 */
import { isGenerator, listModels, type ModelInfo } from "./api.ts";
import { byId } from "./dom.ts";
import { mountArithmetic } from "./arithmetic_view.ts";
import { mountCollapse } from "./collapse_view.ts";
import { mountDrawing } from "./draw_view.ts";
import { mountInterpolation } from "./interpolation_view.ts";
import { reporting, showNotice } from "./notice.ts";
import { openRenderer } from "./renderer.ts";
import { mountSamples } from "./samples_view.ts";
import { Store } from "./settings.ts";
import { mountSliders } from "./sliders_view.ts";
import { mountTraining } from "./training_view.ts";
import { mountTranslation } from "./translate_view.ts";

const store = new Store();
const picker = byId<HTMLSelectElement>("model");
const engine = byId("engine");
let models: ModelInfo[] = [];

/** Lists the image models; keeps the chosen one, or chooses the first. */
async function refreshModels(): Promise<void> {
  models = (await listModels()).filter(isGenerator).filter((m) => m.kind === "image");
  const chosen = store.get().model?.id;
  picker.replaceChildren(...models.map((m) => new Option(m.id, m.id, false, m.id === chosen)));
  if (models.length === 0) {
    showNotice("No image models yet: put a checkpoint folder in models/, or train one below.");
    engine.textContent = "no model";
  } else if (!chosen) await choose(models[0]);
}

/** The latest choice: a renderer that loads after a later choice's is dropped, not shown. */
let choice = 0;

async function choose(model: ModelInfo): Promise<void> {
  const mine = ++choice;
  showNotice(undefined);
  engine.textContent = "loading…";
  delete document.body.dataset.model;
  const { renderer, fallback } = await openRenderer(model);
  if (mine !== choice) return;
  store.set({ model, renderer, label: undefined });
  engine.textContent = `sampled ${renderer.engine}`;
  engine.title = fallback ? `in-browser sampling failed: ${fallback}` : "";
  document.body.dataset.engine = renderer.engine; // for tests
  document.body.dataset.model = model.id; // for tests: the model whose renderer is in place, none while loading
}

mountSamples(store);
mountSliders(store);
mountInterpolation(store);
mountArithmetic(store);
mountCollapse();
mountDrawing();
mountTranslation();
mountTraining(() => reporting(refreshModels));
picker.addEventListener("change", () => reporting(() => choose(models.find((m) => m.id === picker.value)!)));
reporting(refreshModels);
