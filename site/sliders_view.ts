/** One sample, large, with sliders on its first latent dimensions: the latent space made tangible. */
import { sharedLabel } from "../src/sampling/generator.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import { byId } from "./dom.ts";
import { reporting } from "./notice.ts";
import { canvasSlot } from "./picture.ts";
import { onChange, type Store } from "./settings.ts";

const DIMENSIONS = 8;
const RANGE = 3; // ±3 standard deviations holds nearly all of N(0, 1)

export function mountSliders(store: Store): void {
  const show = canvasSlot(byId<HTMLCanvasElement>("single"));
  const box = byId<HTMLDivElement>("sliders");
  onChange(
    store,
    ({ renderer, seed, label, truncation }) => [renderer, seed, label, truncation],
    (settings) => {
      const { model, renderer } = settings;
      if (!model || !renderer) return;
      if (!renderer.single) {
        box.replaceChildren("Moving latents needs sampling in the browser, which could not start here.");
        return;
      }
      const single = renderer.single;
      const z = seedLatents(settings.seed, 1, model.config.latent, settings.truncation);
      const render = () =>
        reporting(() => show(() => single(z, sharedLabel(model.config, settings.label)), `z=${z.join(",")}`));
      box.replaceChildren(...sliders(z, render));
      render();
    },
  );
}

function sliders(z: Float32Array, render: () => void): HTMLLabelElement[] {
  return Array.from({ length: Math.min(DIMENSIONS, z.length) }, (_, d) => {
    const slider = Object.assign(document.createElement("input"), {
      type: "range",
      min: String(-RANGE),
      max: String(RANGE),
      step: "0.05",
      value: String(z[d]),
    });
    slider.setAttribute("aria-label", `z[${d}]`);
    slider.addEventListener("input", () => {
      z[d] = Number(slider.value);
      render();
    });
    const label = document.createElement("label");
    label.append(`z[${d}]`, slider);
    return label;
  });
}
