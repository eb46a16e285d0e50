// What the server tests share: tiny checkpoints written on the spot (until
// shipped models exist), and the server on a free loopback port.
import { join } from "node:path";
import { saveCheckpoint } from "../src/checkpoint/checkpoint.ts";
import type { Tensors } from "../src/checkpoint/tensors.ts";
import { readVariables } from "../src/checkpoint/variables.ts";
import type { ModelConfig } from "../src/models/config.ts";
import { NO_CODES } from "../src/models/codes.ts";
import { buildDiscriminator, buildGenerator } from "../src/models/networks.ts";
import { Rng } from "../src/random.ts";
import { createApp } from "../routes/app.ts";
import { createContext, type ServerContext } from "../src/serve/context.ts";
import type { SiteFiles } from "../src/serve/site_files.ts";
import { config } from "./run_options.ts";
import { buildTranslator } from "../src/models/translation_networks.ts";
import { parseOptions } from "../src/options/options.ts";
import { TRANSLATION_OPTIONS, translationRun } from "../src/train/translation_config.ts";
import type { TranslationRecord } from "../src/train/translation_record.ts";

export const TOKEN = "test-token-0123456789abcdef";

const base = {
  width: 16,
  depth: 1,
  pack: 1,
  minibatchStd: false,
  dNorm: "batch" as const,
  conditioning: "concat" as const,
  vbn: 0,
  classifies: 0,
  codes: NO_CODES,
  hidden: 0,
};
export const TINY: Record<string, { model: ModelConfig; classes?: string[]; flags?: string[] }> = {
  // A conditional image model, and a DCGAN for the convolution path.
  "tiny-mlp": {
    model: { ...base, arch: "mlp", latent: 8, shape: [8, 8, 1], classes: 3 },
    classes: ["a", "b", "c"],
  },
  "tiny-dcgan": { model: { ...base, arch: "dcgan", width: 8, latent: 16, shape: [28, 28, 1], classes: 0 } },
  // An InfoGAN: one categorical code of 3 values and two continuous codes.
  "tiny-info": {
    model: {
      ...base,
      arch: "mlp",
      latent: 4,
      shape: [8, 8, 1],
      classes: 0,
      codes: { categorical: [3], continuous: 2 },
    },
  },
  // A semi-supervised model: its D classifies 3 classes.
  "tiny-ssgan": {
    model: { ...base, arch: "ssgan", latent: 4, shape: [8, 8, 1], classes: 0, classifies: 3 },
    classes: ["x", "y", "z"],
    flags: ["--semi-supervised", "--labels", "30"],
  },
  // A run of 2-D points, named as `deno task train` names runs.
  "2025-01-02T03-04-05": { model: { ...base, arch: "mlp", latent: 4, shape: [2], classes: 0 } },
};

/** What `deno task eval` left for the run. */
export const REPORT = { kind: "toy", samples: { modes: 8, captured: 8, highQuality: 0.97 } };

/**
 * Writes TINY's models under root/models and its run under root/runs, with
 * the run's evaluation report, and a checkpoint of another kind of network
 * in root/models, as the evaluation's classifiers are.
 */
export async function writeTinyModels(root: string): Promise<void> {
  for (const [name, { flags = [], ...record }] of Object.entries(TINY)) {
    const image = record.model.shape.length === 3;
    const G = buildGenerator(record.model, Rng.seeded(7));
    const D = record.model.classifies ? buildDiscriminator(record.model, Rng.seeded(8)) : undefined;
    await saveTestCheckpoint(
      image ? join(root, "models", name) : join(root, "runs", name, "checkpoint"),
      { run: config("--data", image ? "mnist" : "ring8", ...flags), ...record },
      await readVariables(new Map([...G.params.all(), ...(D?.params.all() ?? [])])),
    );
    if (!image) {
      await Deno.mkdir(join(root, "runs", name, "eval"));
      await Deno.writeTextFile(join(root, "runs", name, "eval", "report.json"), JSON.stringify(REPORT));
    }
  }
  await saveTestCheckpoint(join(root, "models", "classifier-test"), { data: "test", classes: ["a"] }, {});
  for (const [name, record] of Object.entries(TINY_TRANSLATORS)) {
    const nets = [buildTranslator(record.model, Rng.seeded(9))];
    if (record.model.arch === "cyclegan") nets.push(buildTranslator(record.model, Rng.seeded(10), "F"));
    const weights = new Map(nets.flatMap((net) => [...net.params.all()]));
    await saveTestCheckpoint(join(root, "models", name), record, await readVariables(weights));
  }
}

/** A pix2pix model from 8x8 gray images to 8x8 colour ones, and a CycleGAN between 8x8 gray domains. */
export const TINY_TRANSLATORS: Record<string, TranslationRecord> = {
  "tiny-pix2pix": {
    kind: "translation",
    run: translationRun(parseOptions(TRANSLATION_OPTIONS, { model: "pix2pix", width: 4 })),
    model: { arch: "pix2pix", input: [8, 8, 1], output: [8, 8, 3], width: 4 },
    from: "sketch",
    to: "photo",
  },
  "tiny-cyclegan": {
    kind: "translation",
    run: translationRun(parseOptions(TRANSLATION_OPTIONS, { model: "cyclegan", width: 2 })),
    model: { arch: "cyclegan", input: [8, 8, 1], output: [8, 8, 1], width: 2 },
    from: "horse",
    to: "zebra",
  },
};
/** Weights in float16, as shipped models hold them. */
function saveTestCheckpoint(dir: string, config: Record<string, unknown>, weights: Tensors): Promise<void> {
  return saveCheckpoint(dir, {
    config,
    state: { iterations: 10, epoch: 1, rng: Rng.seeded(0).state },
    weights,
    optimizer: {},
  }, { fp16: true });
}

export interface TestServer {
  url: string;
  ctx: ServerContext;
  close(): Promise<void>;
}

/** The app over `root` on 127.0.0.1 and a port the OS picks; a sampling request waits `deadlineMs` at most. */
export function startServer(root: string, site: SiteFiles = new Map(), deadlineMs = 1000): TestServer {
  const ctx = createContext({
    modelsDir: join(root, "models"),
    runsDir: join(root, "runs"),
    dataRoot: join(root, "data"),
    sampling: { running: 2, waiting: 8, deadlineMs },
    token: TOKEN,
    site,
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, createApp(ctx).fetch);
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    ctx,
    close: async () => {
      await ctx.jobs.stopAll();
      await server.shutdown();
    },
  };
}
