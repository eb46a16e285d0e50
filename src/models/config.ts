/** What a GAN's two networks look like; saved in every checkpoint's config. */
export interface ModelConfig {
  arch: "mlp" | "dcgan";
  /** Size of the latent vector z. */
  latent: number;
  /** One sample: [h, w, c] for images, [features] for points and tables. */
  shape: number[];
  /** mlp: hidden units per layer; dcgan: channels of the widest-resolution layer. */
  width: number;
  /** mlp: hidden layers in each network (dcgan: unused). */
  depth: number;
  /** Label classes for a conditional GAN; 0 for an unconditional one. */
  classes: number;
  /** PacGAN: the discriminator judges `pack` samples at once. */
  pack: number;
  /** Minibatch standard deviation as an extra discriminator feature. */
  minibatchStd: boolean;
  /** dcgan: the normalisation in D's conv layers after the first; absent in older records: batch. */
  dNorm?: DNorm;
}

/** WGAN-GP's penalty is per sample, which batch norm breaks: its critic takes layer norm or none. */
export const D_NORMS = ["batch", "layer", "none"] as const;
export type DNorm = typeof D_NORMS[number];

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
