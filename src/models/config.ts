import * as z from "zod/mini";
import { CODES, codeWidth, NO_CODES } from "./codes.ts";

/** WGAN-GP's penalty is per sample, which batch norm breaks: its critic takes layer norm or none. */
export const D_NORMS = ["batch", "layer", "none"] as const;
export type DNorm = typeof D_NORMS[number];

/**
 * How a conditional GAN's D takes the labels: as input planes beside the
 * image (concat, Mirza & Osindero 2014), as an auxiliary classifier's targets
 * (acgan, Odena et al. 2017), or as an inner product with its features
 * (projection, Miyato & Koyama 2018). G takes them beside z in every case.
 */
export const CONDITIONINGS = ["concat", "acgan", "projection"] as const;
export type Conditioning = typeof CONDITIONINGS[number];

/**
 * mlp and dcgan: the reference architectures (../shared/bench/ARCHITECTURES.md)
 * and their variants; ssgan: Salimans et al.'s semi-supervised MLPs; pacgan:
 * PacGAN's (and VEEGAN's) networks for the 2-D mixtures, fixed in size.
 */
export const ARCHS = ["mlp", "dcgan", "ssgan", "pacgan"] as const;

/** What a GAN's two networks look like; saved in every checkpoint's config. */
export const MODEL_CONFIG = z.object({
  arch: z.enum(ARCHS),
  /** Size of the latent vector z. */
  latent: z.int().check(z.minimum(1)),
  /** One sample: [h, w, c] for images, [features] for points and tables. */
  shape: z.array(z.int().check(z.minimum(1))).check(z.minLength(1), z.maxLength(3)),
  /** mlp: hidden units per layer; dcgan: channels of the widest-resolution layer. */
  width: z.int().check(z.minimum(1)),
  /** mlp: hidden layers in each network (dcgan: unused). */
  depth: z.int().check(z.minimum(1)),
  /** Label classes for a conditional GAN; 0 for an unconditional one. */
  classes: z.int().check(z.minimum(0)),
  /** ssgan: the classes that its D tells apart (G takes no labels); 0 for other GANs and older records. */
  classifies: z._default(z.int().check(z.minimum(0)), 0),
  /** PacGAN: the discriminator judges `pack` samples at once. */
  pack: z.int().check(z.minimum(1)),
  /** Minibatch standard deviation as an extra discriminator feature. */
  minibatchStd: z.boolean(),
  /** dcgan: the normalisation in D's conv layers after the first; older records: batch. */
  dNorm: z._default(z.enum(D_NORMS), "batch"),
  /** How D takes the labels, where there are classes; older records: concat. */
  conditioning: z._default(z.enum(CONDITIONINGS), "concat"),
  /** dcgan: the reference batch size of G's virtual batch norm; 0: G uses batch norm (and older records). */
  vbn: z._default(z.int().check(z.minimum(0)), 0),
  /** InfoGAN's latent codes, which G takes after z's noise; older records: none. */
  codes: z._default(CODES, NO_CODES),
  /**
   * dcgan: units of a fully connected layer between z and G's first feature map, and after D's last
   * convolution, as InfoGAN's MNIST networks have (1024); 0: none (and older records).
   */
  hidden: z._default(z.int().check(z.minimum(0)), 0),
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
    classifies: 0,
    pack: 1,
    minibatchStd: false,
    dNorm: "batch",
    conditioning: "concat",
    vbn: 0,
    codes: NO_CODES,
    hidden: 0,
  };
}

/** Columns of a latent vector as G takes it: `latent` noise values, then the InfoGAN codes. */
export const latentWidth = (c: ModelConfig) => c.latent + codeWidth(c.codes);
