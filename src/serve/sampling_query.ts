/** The query parameters every sampling route takes, and their checks against the model asked for. */
import type { Flag } from "../cli/flags.ts";
import { HttpError } from "./http_error.ts";
import { kindOf } from "./model_view.ts";
import type { ModelEntry } from "./registry.ts";

export const FORMATS = ["png", "json"] as const;
export type Format = typeof FORMATS[number];

/** A seed: any 32-bit unsigned integer, as Rng.seeded takes. */
export function seedFlag(name: string, fallback: number, help: string): Flag {
  return { name, type: "int", default: fallback, min: 0, max: 0xffffffff, help };
}

export const SAMPLING_FLAGS: readonly Flag[] = [
  {
    name: "label",
    type: "int",
    min: 0,
    help: "class index of a conditional model; default: the classes in turn for a grid, else the first class",
  },
  {
    name: "truncation",
    type: "number",
    min: 0.1,
    help: "redraw latent values beyond ±truncation (the truncation trick); default: none",
  },
  {
    name: "format",
    type: "string",
    choices: FORMATS,
    default: "png",
    help: "a PNG picture, or the values as JSON",
  },
];

export interface SamplingOptions {
  label?: number;
  truncation?: number;
  format: Format;
}

/** The sampling parameters of a parsed query, checked against the model they are for. */
export function samplingOptions(entry: ModelEntry, query: Record<string, unknown>): SamplingOptions {
  const { label, truncation, format } = query as Partial<SamplingOptions> & { format: Format };
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
