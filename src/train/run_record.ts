/**
 * The `config` of our checkpoints: enough to rebuild the networks, sample
 * them and continue the run. Read back through its schema, so a checkpoint
 * from elsewhere, or from before a setting existed, is checked and completed.
 */
import * as z from "zod/mini";
import { MODEL_CONFIG } from "../models/config.ts";
import { RUN_CONFIG } from "./run_config.ts";

export const RUN_RECORD = z.object({
  run: RUN_CONFIG,
  model: MODEL_CONFIG,
  /** The data's class names or table columns, for whoever samples the model later. */
  classes: z.optional(z.array(z.string())),
  columns: z.optional(z.array(z.string())),
  /** A semi-supervised run's labelled samples: indices into the training split, as loaded with the run's seed. */
  labelled: z.optional(z.array(z.int())),
  /** What a shipped InfoGAN model's codes were seen to control, in code order; set when it is shipped. */
  codeNames: z.optional(z.object({ categorical: z.array(z.string()), continuous: z.array(z.string()) })),
});
export type RunRecord = z.output<typeof RUN_RECORD>;

/** A checkpoint's config as a RunRecord, or an error that says where and what is wrong. */
export function readRunRecord(config: unknown, where: string): RunRecord {
  const result = RUN_RECORD.safeParse(config);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const expected = "expected" in issue
    ? `: expected ${issue.expected}`
    : "values" in issue
    ? `: expected one of ${issue.values.join(", ")}`
    : "";
  throw new Error(
    `${where} holds no run record: ${issue.path.join(".") || "config"} is wrong (${issue.code}${expected})`,
  );
}
