/**
 * Draw a digit: strokes on a canvas, shrunk as MNIST's digits are (the
 * drawing's box scaled into the middle 20 of 28 pixels; MNIST then centres
 * by mass, we by the box), read by a semi-supervised model's discriminator
 * through POST /api/models/:id/classify.
 */
import { getJson, isGenerator, listModels, type ModelInfo } from "./api.ts";
import { byId } from "./dom.ts";
import { latestOnly } from "./latest.ts";
import { reporting } from "./notice.ts";
import { sketchPad } from "./sketch_pad.ts";

const PEN = 22; // stroke width on the 280-pixel drawing canvas: about MNIST's, once shrunk
const BOX = 20 / 28; // MNIST fits each digit's box into 20 of 28 pixels

interface Reading {
  classes: string[];
  probabilities: number[][];
}

export function mountDrawing(): void {
  const canvas = byId<HTMLCanvasElement>("draw-canvas");
  const result = byId<HTMLDivElement>("draw-result");
  const about = byId("draw-about");
  let model: ModelInfo | undefined;
  const latest = latestOnly();
  const pad = sketchPad(canvas, PEN, () => {
    const pixels = model && shrink(canvas, model.config.shape[0]);
    if (!pixels) return;
    reporting(async () => {
      const shown = await latest.show(() => read(model!, pixels), (reading) => showReading(reading, result));
      if (!shown) result.dataset.dropped = String(Number(result.dataset.dropped ?? 0) + 1); // for tests
    });
  });
  reporting(async () => {
    model = (await listModels()).filter(isGenerator).find((m) => m.config.classifies > 0);
    about.textContent = model
      ? `${model.id} learned to read digits from ${model.run?.labels} labelled examples` +
        (model.run?.unlabelled ? " and the unlabelled rest." : " alone.")
      : "No semi-supervised model here: deno task train --semi-supervised makes one.";
  });
  byId("draw-clear").addEventListener("click", () => {
    pad.clear();
    latest.drop();
    result.replaceChildren();
  });
}

function read(model: ModelInfo, pixels: number[]): Promise<Reading> {
  return getJson<Reading>(`/api/models/${model.id}/classify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ images: [pixels] }),
  });
}

function showReading({ classes, probabilities: [p] }: Reading, result: HTMLElement): void {
  const best = p.indexOf(Math.max(...p));
  result.replaceChildren(...classes.map((name, k) => {
    const row = document.createElement("div");
    row.className = k === best ? "bar best" : "bar";
    const fill = document.createElement("span");
    fill.style.width = `${(100 * p[k]).toFixed(1)}%`;
    row.append(`${name}`, fill, `${(100 * p[k]).toFixed(0)}%`);
    return row;
  }));
  result.dataset.shows = JSON.stringify(p);
}

/** The drawing as `side` x `side` values in [0, 1]: its ink's box scaled into the middle, or none if blank. */
function shrink(canvas: HTMLCanvasElement, side: number): number[] | undefined {
  const { width, height } = canvas;
  const ink = canvas.getContext("2d")!.getImageData(0, 0, width, height).data;
  let [left, top, right, bottom] = [width, height, -1, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[(y * width + x) * 4] > 0) {
        [left, top, right, bottom] = [
          Math.min(left, x),
          Math.min(top, y),
          Math.max(right, x),
          Math.max(bottom, y),
        ];
      }
    }
  }
  if (right < 0) return undefined;
  const small = Object.assign(document.createElement("canvas"), { width: side, height: side });
  const context = small.getContext("2d")!;
  context.fillStyle = "black";
  context.fillRect(0, 0, side, side);
  const [w, h] = [right - left + 1, bottom - top + 1], scale = (BOX * side) / Math.max(w, h);
  context.imageSmoothingQuality = "high";
  context.drawImage(
    canvas,
    left,
    top,
    w,
    h,
    (side - w * scale) / 2,
    (side - h * scale) / 2,
    w * scale,
    h * scale,
  );
  const data = context.getImageData(0, 0, side, side).data;
  return Array.from({ length: side * side }, (_, i) => data[i * 4] / 255);
}
