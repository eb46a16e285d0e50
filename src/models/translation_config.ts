/** What an image-to-image model's networks look like (src/models/translation_networks.ts); saved in its checkpoints. */
import * as z from "zod/mini";

export const TRANSLATION_ARCHS = ["pix2pix", "srgan", "cyclegan"] as const;

/** What a translation model's networks look like; saved in its checkpoints. */
export const TRANSLATION_MODEL = z.object({
  arch: z.enum(TRANSLATION_ARCHS),
  /** One input and one output image, [side, side, channels]: pix2pix's of one side (a multiple of 4), SRGAN's 4x apart. */
  input: z.tuple([z.int(), z.int(), z.int()]),
  output: z.tuple([z.int(), z.int(), z.int()]),
  /** Channels of the first (widest) layer of both networks. */
  width: z.int().check(z.minimum(1)),
});
export type TranslationModel = z.output<typeof TRANSLATION_MODEL>;

/** SRGAN's upsampling factor: two pixel shuffles of 2. */
export const SR_FACTOR = 4;
