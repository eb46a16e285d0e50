import { z } from "zod";

/** WGAN-GP's penalty is per sample, which batch norm breaks: its critic takes layer norm or none. */
export const D_NORMS = ["batch", "layer", "none"] as const;
export type DNorm = typeof D_NORMS[number];

/** What a GAN's two networks look like; saved in every checkpoint's config. */
export const MODEL_CONFIG = z.object({
  arch: z.enum(["mlp", "dcgan"]),
  /** Size of the latent vector z. */
  latent: z.int().min(1),
  /** One sample: [h, w, c] for images, [features] for points and tables. */
  shape: z.array(z.int().min(1)).min(1).max(3),
  /** mlp: hidden units per layer; dcgan: channels of the widest-resolution layer. */
  width: z.int().min(1),
  /** mlp: hidden layers in each network (dcgan: unused). */
  depth: z.int().min(1),
  /** Label classes for a conditional GAN; 0 for an unconditional one. */
  classes: z.int().min(0),
  /** PacGAN: the discriminator judges `pack` samples at once. */
  pack: z.int().min(1),
  /** Minibatch standard deviation as an extra discriminator feature. */
  minibatchStd: z.boolean(),
  /** dcgan: the normalisation in D's conv layers after the first; older records: batch. */
  dNorm: z.enum(D_NORMS).default("batch"),
});
export type ModelConfig = z.output<typeof MODEL_CONFIG>;

/** The reference architectures of ../shared/bench/ARCHITECTURES.md. */
export function referenceConfig(arch: "mlp" | "dcgan"): ModelConfig {
  return {
    arch,
    latent: 100,
    shape: [28, 28, 1],
    width: arch === "mlp" ? 128 : 64,
    depth: 1,
    classes: 0,
    pack: 1,
    minibatchStd: false,
    dNorm: "batch",
  };
}
