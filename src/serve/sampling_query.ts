/** The query parameters every sampling route takes, and their checks against the model asked for. */
import * as z from "zod/mini";
import { int, number, option } from "../options/options.ts";
import { SEED } from "../sampling/latents.ts";
import { HttpError } from "./http_error.ts";
import { kindOf } from "./model_view.ts";
import type { ModelEntry } from "./registry.ts";

export const FORMATS = ["png", "json"] as const;
export type Format = typeof FORMATS[number];

/** A seed option, with its default. */
export const seed = (fallback: number, help: string) => option(SEED, help, fallback);

export const SAMPLING_OPTIONS = {
  label: option(
    int(0),
    "class index of a conditional model; default: the classes in turn for a grid, else the first class",
  ),
  truncation: option(
    number(0.1),
    "redraw latent values beyond ±truncation (the truncation trick); default: none",
  ),
  format: option(z.enum(FORMATS), "a PNG picture, or the values as JSON", "png"),
};
export const SAMPLING_QUERY = z.strictObject(SAMPLING_OPTIONS);
export type SamplingOptions = z.output<typeof SAMPLING_QUERY>;

/** The sampling parameters of a parsed query, checked against the model they are for. */
export function samplingOptions(
  entry: ModelEntry,
  { label, truncation, format }: SamplingOptions,
): SamplingOptions {
  const classes = entry.record.model.classes;
  if (label !== undefined && classes === 0) {
    throw new HttpError(400, `model "${entry.id}" is unconditional: it takes no label`);
  }
  if (label !== undefined && label >= classes) {
    throw new HttpError(
      400,
      `label must be below ${classes}, the classes of model "${entry.id}", got ${label}`,
    );
  }
  const kind = kindOf(entry);
  if (format === "png" && kind !== "image") {
    throw new HttpError(400, `model "${entry.id}" makes ${kind}, not images: ask for format=json`);
  }
  return { label, truncation, format };
}
