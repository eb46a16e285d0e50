/**
 * One sample, large, with controls that move it. For an InfoGAN model they
 * are its codes, named by what they were seen to control: a picker per
 * categorical code and a slider per continuous one. For other models they
 * are the first raw latent dimensions, which mean little to a person.
 */
import { sharedLabel } from "../src/sampling/generator.ts";
import type { CodeRequest } from "../src/sampling/codes.ts";
import { seedLatents } from "../src/sampling/latents.ts";
import type { ModelInfo } from "./api.ts";
import { byId } from "./dom.ts";
import { reporting } from "./notice.ts";
import { canvasSlot } from "./picture.ts";
import { onChange, type Store } from "./settings.ts";

const DIMENSIONS = 8;
const RANGE = 3; // ±3 standard deviations holds nearly all of N(0, 1)
const CODE_SWEEP = 2; // a continuous code's prior is [-1, 1]; the paper's figures sweep ±2

export function mountSliders(store: Store): void {
  const show = canvasSlot(byId<HTMLCanvasElement>("single"));
  const box = byId<HTMLDivElement>("sliders");
  const hint = byId("sliders-hint");
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
      const codes: Required<CodeRequest> = {
        category: model.codes.categorical.map(() => 0),
        continuous: model.codes.continuous.map(() => 0),
      };
      const label = sharedLabel(model.config, settings.label);
      const render = () =>
        reporting(() =>
          show(
            () => single(z, label, codes),
            `z=${z.join(",")}&category=${codes.category.join(",")}&continuous=${codes.continuous.join(",")}`,
          )
        );
      const infogan = codes.category.length + codes.continuous.length > 0;
      hint.textContent = infogan
        ? "The grid's first noise vector, with the model's codes set by hand: InfoGAN learned them without labels."
        : "The grid's first sample, moved along its first latent dimensions.";
      box.replaceChildren(...(infogan ? codeControls(model, codes, render) : noiseSliders(z, render)));
      render();
    },
  );
}

function slider(
  name: string,
  value: number,
  range: number,
  onInput: (value: number) => void,
): HTMLLabelElement {
  const input = Object.assign(document.createElement("input"), {
    type: "range",
    min: String(-range),
    max: String(range),
    step: "0.05",
    value: String(value),
  });
  input.setAttribute("aria-label", name);
  input.addEventListener("input", () => onInput(Number(input.value)));
  const label = document.createElement("label");
  label.append(name, input);
  return label;
}

function noiseSliders(z: Float32Array, render: () => void): HTMLLabelElement[] {
  return Array.from(
    { length: Math.min(DIMENSIONS, z.length) },
    (_, d) =>
      slider(`z[${d}]`, z[d], RANGE, (value) => {
        z[d] = value;
        render();
      }),
  );
}

function codeControls(
  model: ModelInfo,
  codes: Required<CodeRequest>,
  render: () => void,
): HTMLLabelElement[] {
  const pickers = model.codes.categorical.map(({ values, name }, k) => {
    const picker = document.createElement("select");
    picker.append(...Array.from({ length: values }, (_, v) => new Option(String(v), String(v))));
    picker.setAttribute("aria-label", name);
    picker.addEventListener("change", () => {
      codes.category[k] = Number(picker.value);
      render();
    });
    const label = document.createElement("label");
    label.append(name, picker);
    return label;
  });
  const sliders = model.codes.continuous.map(({ name }, k) =>
    slider(name, 0, CODE_SWEEP, (value) => {
      codes.continuous[k] = value;
      render();
    })
  );
  return [...pickers, ...sliders];
}
