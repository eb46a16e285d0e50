/** What the server's routes share: the models (from folders), the training jobs, the bearer token and the built site. */
import { kernelFault } from "../backend/select.ts";
import { Admission, type AdmissionLimits } from "./admission.ts";
import { readEvaluation } from "./evaluation.ts";
import { Jobs } from "./jobs.ts";
import type { ModelSource } from "./model_source.ts";
import { type LoadedModel, modelCache, translatorCache } from "./model_cache.ts";
import type { LoadCache } from "./load_cache.ts";
import type { ModelEntry, TranslatorEntry } from "./model_entry.ts";
import type { TrainedTranslation } from "../eval/translation_run.ts";
import { Registry } from "./registry.ts";
import { ServerMetrics } from "./server_metrics.ts";
import type { SiteFiles } from "./site_files.ts";

export interface ServerContext extends ModelSource {
  registry: Registry;
  models: LoadCache<ModelEntry, LoadedModel>;
  translators: LoadCache<TranslatorEntry, TrainedTranslation>;
  jobs: Jobs;
  /** Guards the job routes; sampling is public. */
  token: string;
  site: SiteFiles;
  /** The folder that jobs' data paths must stay inside. */
  dataRoot: string;
  /** The bounded queue that sampling requests go through. */
  admission: Admission;
  metrics: ServerMetrics;
  /** Why our kernels take no more work, if they have stopped: /healthz answers 503 then. */
  kernelFault(): string | undefined;
}

export interface ServerOptions {
  /** Shipped models: one checkpoint folder each. */
  modelsDir: string;
  /** Training runs: finished ones are models too, and jobs train into it. */
  runsDir: string;
  token: string;
  site: SiteFiles;
  /** Jobs may train on files inside it, besides the built-in datasets. */
  dataRoot: string;
  sampling: AdmissionLimits;
}

export function createContext(
  { modelsDir, runsDir, token, site, dataRoot, sampling }: ServerOptions,
): ServerContext {
  const jobs = new Jobs(runsDir);
  const registry = new Registry(modelsDir, runsDir, (runDir) => jobs.isTraining(runDir));
  return {
    registry,
    models: modelCache(),
    translators: translatorCache(),
    evaluation: (entry) => readEvaluation(entry.home),
    jobs,
    token,
    site,
    dataRoot,
    admission: new Admission(sampling),
    metrics: new ServerMetrics(),
    kernelFault,
  };
}
