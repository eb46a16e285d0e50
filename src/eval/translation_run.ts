/** A trained translation model as `deno task eval` and the server read it: its record and generators. */
import { loadWeights } from "../checkpoint/checkpoint.ts";
import { type Translation, translationFrom } from "../sampling/translation.ts";
import { asTranslationRecord, type TranslationRecord } from "../train/translation_record.ts";

export interface TrainedTranslation extends Translation {
  record: TranslationRecord;
  iterations: number;
}

/** The translation model in checkpoint directory `dir`; an error if it holds some other model. */
export async function loadTranslation(dir: string): Promise<TrainedTranslation> {
  const checkpoint = await loadWeights(dir);
  const record = asTranslationRecord(checkpoint.config);
  if (!record) throw new Error(`${dir} holds no translation model`);
  return {
    record,
    ...translationFrom(record.model, checkpoint.weights),
    iterations: checkpoint.state.iterations,
  };
}
