/**
 * Sketch to clothes: strokes on a canvas become an edge map of the
 * translation model's input size (the drawing scaled down and thresholded,
 * as the model's training inputs are black and white), which POST
 * /api/models/:id/translate turns into the model's picture. The edge map and
 * the picture are shown side by side.
 */
import { getJson, listModels, type TranslatorInfo } from "./api.ts";
import { byId } from "./dom.ts";
import { latestOnly } from "./latest.ts";
import { reporting } from "./notice.ts";
import { sketchPad } from "./sketch_pad.ts";

const PEN = 12; // on the 280-pixel canvas: about one pixel of a 28-pixel edge map
const INK = 0.25; // a pixel of the scaled-down drawing this bright is an edge

export function mountTranslation(): void {
  const canvas = byId<HTMLCanvasElement>("sketch-canvas");
  const [input, output] = [byId<HTMLCanvasElement>("sketch-input"), byId<HTMLCanvasElement>("sketch-output")];
  const about = byId("sketch-about");
  let model: TranslatorInfo | undefined;
  const latest = latestOnly();
  const pad = sketchPad(canvas, PEN, () => {
    if (!model) return;
    const side = model.input[0], edges = edgeMap(canvas, side);
    reporting(() =>
      latest.show(() => translate(model!, edges), ({ images: [pixels], shape }) => {
        paint(input, edges, side, 1);
        paint(output, pixels, shape[0], shape[2]);
        output.dataset.shows = JSON.stringify(pixels.reduce((a, b) => a + b, 0) / pixels.length); // for tests
      })
    );
  });
  reporting(async () => {
    model = (await listModels()).find((m): m is TranslatorInfo =>
      m.kind === "translation" && m.config.arch === "pix2pix"
    );
    about.textContent = model
      ? `${model.id} translates ${model.translates.from} to ${model.translates.to}: draw an outline.`
      : "No translation model here: deno task train --model pix2pix makes one.";
  });
  byId("sketch-clear").addEventListener("click", () => {
    pad.clear();
    latest.drop();
    for (const picture of [input, output]) {
      picture.getContext("2d")!.clearRect(0, 0, picture.width, picture.height);
    }
    delete output.dataset.shows;
  });
}

/** G's picture for an edge map of the model's input side. */
function translate(model: TranslatorInfo, edges: number[]): Promise<{ images: number[][]; shape: number[] }> {
  const channels = model.input[2];
  return getJson(model.links.translate, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ images: [edges.flatMap((v) => new Array(channels).fill(v))] }),
  });
}

/** The drawing scaled to `side` x `side`, each pixel 1 (an edge) or 0. */
function edgeMap(canvas: HTMLCanvasElement, side: number): number[] {
  const small = Object.assign(document.createElement("canvas"), { width: side, height: side });
  const context = small.getContext("2d", { willReadFrequently: true })!;
  context.imageSmoothingQuality = "high";
  context.drawImage(canvas, 0, 0, side, side);
  const data = context.getImageData(0, 0, side, side).data;
  return Array.from({ length: side * side }, (_, i) => data[i * 4] / 255 > INK ? 1 : 0);
}

/** Values in [0, 1], gray or RGB, onto a canvas of their size (CSS scales it up). */
function paint(canvas: HTMLCanvasElement, values: number[], side: number, channels: number): void {
  Object.assign(canvas, { width: side, height: side });
  const image = new ImageData(side, side);
  for (let p = 0; p < side * side; p++) {
    for (let k = 0; k < 3; k++) {
      image.data[p * 4 + k] = Math.round(255 * values[p * channels + (channels === 1 ? 0 : k)]);
    }
    image.data[p * 4 + 3] = 255;
  }
  canvas.getContext("2d")!.putImageData(image, 0, 0);
}
