/** The query parameters every sampling route takes, and their checks against the model asked for. */
import * as z from "zod/mini";
import { int, number, numberList, option, SEED } from "../options/options.ts";
import type { CodeRequest } from "../sampling/codes.ts";
import { MIN_TRUNCATION } from "../sampling/latents.ts";
import { HttpError } from "./http_error.ts";
import { kindOf } from "./model_view.ts";
import type { ModelEntry } from "./model_entry.ts";

const FORMATS = ["png", "json"] as const;
export type Format = typeof FORMATS[number];

/** A seed option, with its default. */
export const seed = (fallback: number, help: string) => option(SEED, help, fallback);

export const SAMPLING_OPTIONS = {
  label: option(
    int(0),
    "class index of a conditional model; default: the classes in turn for a grid, else the first class",
  ),
  truncation: option(
    number(MIN_TRUNCATION),
    "redraw latent values beyond ±truncation (the truncation trick); default: none",
  ),
  format: option(z.enum(FORMATS), "a PNG picture, or the values as JSON", "png"),
  category: option(
    z.string().check(z.regex(/^\d+(,\d+)*$/, "must be whole numbers separated by commas, e.g. 3")),
    "an InfoGAN model's categorical codes, one value per code, comma-separated; " +
      "default: the first code's values in turn for a grid, else its first",
  ),
  continuous: option(
    numberList("0.5,-1"),
    "an InfoGAN model's continuous codes, one value per code, comma-separated (the prior is " +
      "uniform on [-1, 1]; ±2 shows where a code leads); default: 0",
  ),
};
export const SAMPLING_QUERY = z.strictObject(SAMPLING_OPTIONS);
export type SamplingQuery = z.output<typeof SAMPLING_QUERY>;

export interface SamplingOptions {
  label?: number;
  truncation?: number;
  format: Format;
  codes: CodeRequest;
}

/** The sampling parameters of a parsed query, checked against the model they are for. */
export function samplingOptions(
  entry: ModelEntry,
  { label, truncation, format, category, continuous }: SamplingQuery,
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
  return { label, truncation, format, codes: codeRequest(entry, category, continuous) };
}

/** The `category` and `continuous` values, one per code of the model's kind. */
function codeRequest(entry: ModelEntry, category?: string, continuous?: string): CodeRequest {
  const { codes } = entry.record.model;
  const values = (name: string, given: string | undefined, count: number, kind: string) => {
    if (given === undefined) return undefined;
    const list = given.split(",").map(Number);
    if (count === 0) {
      throw new HttpError(400, `model "${entry.id}" has no ${kind} codes: it takes no ${name}`);
    }
    if (list.length !== count) {
      throw new HttpError(
        400,
        `${name} takes ${count} value${count === 1 ? "" : "s"}: model "${entry.id}" has ${count} ${kind} ` +
          `code${count === 1 ? "" : "s"}, got ${list.length}`,
      );
    }
    return list;
  };
  const request = {
    category: values("category", category, codes.categorical.length, "categorical"),
    continuous: values("continuous", continuous, codes.continuous, "continuous"),
  };
  request.category?.forEach((value, k) => {
    if (value >= codes.categorical[k]) {
      throw new HttpError(
        400,
        `category: code ${k} of model "${entry.id}" takes values 0 to ${
          codes.categorical[k] - 1
        }, got ${value}`,
      );
    }
  });
  return request;
}
