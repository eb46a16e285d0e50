/**
 * Mode collapse made visible: samples of a GAN and a PacGAN trained on the
 * same eight Gaussians (ring8), drawn over the eight modes, with what
 * `deno task eval` measured of each. A GAN tends to drop modes; PacGAN's
 * discriminator, judging several samples at once, sees the missing variety.
 */
import { getJson, isGenerator, listModels, type ModelInfo } from "./api.ts";
import { byId, randomSeed } from "./dom.ts";
import { latestOnly } from "./latest.ts";
import { reporting } from "./notice.ts";

/** The most samples the API returns at once. */
const SAMPLES = 256;
const SIDE = 240;
const EXTENT = 1.6; // the ring has radius 1

interface ToyEvaluation {
  samples: { modes: number; highQuality: number; captured: number };
}

export function mountCollapse(): void {
  const box = byId<HTMLDivElement>("collapse-plots");
  const latest = latestOnly();
  let seed = 0;
  const render = async () => {
    const models = (await listModels()).filter(isGenerator)
      .filter((m) => m.run?.data === "ring8" && m.mixture)
      .sort((a, b) => a.config.pack - b.config.pack);
    if (models.length === 0) {
      box.replaceChildren("No ring8 models here: deno task train --data ring8 makes one.");
      return;
    }
    // A click while the last seed's plots load: only the newest seed's are shown.
    await latest.show(
      () => Promise.all(models.map((model) => plot(model, seed))),
      (plots) => box.replaceChildren(...plots),
    );
  };
  byId("collapse-seed").addEventListener("click", () => {
    seed = randomSeed();
    reporting(render);
  });
  reporting(render);
}

async function plot(model: ModelInfo, seed: number): Promise<HTMLElement> {
  const { samples } = await getJson<{ samples: number[][] }>(
    `${model.links.samples}?n=${SAMPLES}&seed=${seed}&format=json`,
  );
  const canvas = Object.assign(document.createElement("canvas"), { width: SIDE, height: SIDE });
  canvas.className = "plot";
  canvas.dataset.shows = `${model.id} seed=${seed}`;
  const { modes, std } = model.mixture!;
  const context = canvas.getContext("2d")!;
  const px = (x: number) => ((x + EXTENT) / (2 * EXTENT)) * SIDE, py = (y: number) => SIDE - px(y);
  context.fillStyle = "#0b0d11";
  context.fillRect(0, 0, SIDE, SIDE);
  context.strokeStyle = "#9aa3b2";
  for (const [x, y] of modes) {
    context.beginPath();
    context.arc(px(x), py(y), Math.max(4, (3 * std / (2 * EXTENT)) * SIDE), 0, 2 * Math.PI);
    context.stroke();
  }
  context.fillStyle = "#7aa2ff";
  for (const [x, y] of samples) context.fillRect(px(x) - 1, py(y) - 1, 2, 2);
  const figure = document.createElement("figure");
  const caption = document.createElement("figcaption");
  const evaluation = model.evaluation as ToyEvaluation | undefined;
  const name = model.config.pack > 1 ? `PacGAN${model.config.pack}` : "GAN";
  caption.textContent = `${name} (${model.id})` +
    (evaluation
      ? `: ${evaluation.samples.captured} of ${evaluation.samples.modes} modes, ` +
        `${Math.round(100 * evaluation.samples.highQuality)}% of samples near one`
      : "");
  figure.append(canvas, caption);
  return figure;
}
