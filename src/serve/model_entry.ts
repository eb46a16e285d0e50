/**
 * What the registry knows of each model: a GAN's run record, or a
 * translation model's record, and where its checkpoint is. Types and one
 * test, so that what runs on the edge takes them without the registry's
 * file system code.
 */
import type { RunRecord } from "../train/run_record.ts";
import type { TranslationRecord } from "../train/translation_record.ts";

interface EntryBase {
  id: string;
  /** A shipped model (the models folder) or a finished training run (the runs folder). */
  origin: "shipped" | "run";
  /** The model's folder: a shipped model's checkpoint, or the run that holds one in checkpoint/. */
  home: string;
  /** The checkpoint directory. */
  dir: string;
  /** Training iterations done. */
  iterations: number;
  epoch: number;
  /** config.json's modification time: a newer checkpoint of a run replaces the entry. */
  modified: number;
}

/** A GAN: a generator to sample (and a semi-supervised model's classifier). */
export interface ModelEntry extends EntryBase {
  record: RunRecord;
  /** A model of a toy's points: the mixture of Gaussians it learned, for pictures of its modes. */
  mixture?: { modes: number[][]; std: number };
}

/** An image-to-image model (pix2pix, SRGAN, CycleGAN): inputs in, translations out. */
export interface TranslatorEntry extends EntryBase {
  translation: TranslationRecord;
}

export type Entry = ModelEntry | TranslatorEntry;

export const isTranslator = (entry: Entry): entry is TranslatorEntry => "translation" in entry;
