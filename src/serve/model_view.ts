/** What GET /api/models says of a model: enough for a client to sample it, here or in the browser. */
import { CONTINUOUS_RANGE } from "../models/codes.ts";
import { type Entry, isTranslator, type ModelEntry, type TranslatorEntry } from "./model_entry.ts";

export type ModelKind = "image" | "points" | "table" | "translation";

export function kindOf(entry: Entry): ModelKind {
  if (isTranslator(entry)) return "translation";
  const { record } = entry;
  return record.model.shape.length === 3 ? "image" : record.columns ? "table" : "points";
}

/** The view of `entry`, with the report of `deno task eval` when the model has one. */
export function modelView(entry: Entry, evaluation?: unknown) {
  return isTranslator(entry) ? translatorView(entry, evaluation) : generatorView(entry, evaluation);
}

export function generatorView(entry: ModelEntry, evaluation?: unknown) {
  const { id, origin, iterations, epoch, record } = entry;
  const { model, classes, columns, run, codeNames } = record;
  const base = `/api/models/${id}`;
  return {
    id,
    origin,
    kind: kindOf(entry),
    config: model,
    /** The name of each class index a conditional model takes, as classify names them; empty for an unconditional one. */
    classes: model.classes ? classes ?? Array.from({ length: model.classes }, (_, i) => String(i)) : [],
    ...(columns ? { columns } : {}),
    /** A toy's mixture, whose modes its samples should cover: centres and standard deviation. */
    ...(entry.mixture ? { mixture: entry.mixture } : {}),
    /** InfoGAN's codes, with what each was seen to control where that was checked; empty lists for other models. */
    codes: {
      categorical: model.codes.categorical.map((values, k) => ({
        values,
        name: codeNames?.categorical[k] ?? `categorical code ${k}`,
      })),
      continuous: Array.from({ length: model.codes.continuous }, (_, k) => ({
        /** The prior's range; the sampling API takes values beyond it too. */
        prior: [-CONTINUOUS_RANGE, CONTINUOUS_RANGE],
        name: codeNames?.continuous[k] ?? `continuous code ${k}`,
      })),
    },
    run: run ?? null,
    iterations,
    epoch,
    ...(evaluation === undefined ? {} : { evaluation }),
    links: {
      samples: `${base}/samples`,
      interpolate: `${base}/interpolate`,
      arithmetic: `${base}/arithmetic`,
      weights: `${base}/weights`,
    },
  };
}

/** A translation model: what it translates from and to, and the sizes it takes and gives. */
export function translatorView(entry: TranslatorEntry, evaluation?: unknown) {
  const { id, origin, iterations, epoch, translation } = entry;
  const { model, from, to, run } = translation;
  return {
    id,
    origin,
    kind: kindOf(entry),
    /** What the inputs and outputs show, e.g. "edges" to "fashion-mnist". */
    translates: { from, to },
    /** The ways `translate` takes: back from the output domain for CycleGAN too. */
    directions: model.arch === "cyclegan" ? ["forward", "backward"] : ["forward"],
    /** [height, width, channels] of one input and one output. */
    input: model.input,
    output: model.output,
    config: model,
    run,
    iterations,
    epoch,
    ...(evaluation === undefined ? {} : { evaluation }),
    links: { translate: `/api/models/${id}/translate` },
  };
}
