/** What the server's routes share: the models (from folders), the training jobs, the bearer token and the built site. */
import { Admission, type AdmissionLimits } from "./admission.ts";
import { readEvaluation } from "./evaluation.ts";
import { Jobs } from "./jobs.ts";
import type { ModelSource } from "./model_param.ts";
import { ModelCache } from "./model_cache.ts";
import { Registry } from "./registry.ts";
import { ServerMetrics } from "./server_metrics.ts";
import type { SiteFiles } from "./site_files.ts";

export interface ServerContext extends ModelSource {
  registry: Registry;
  models: ModelCache;
  jobs: Jobs;
  /** Guards the job routes; sampling is public. */
  token: string;
  site: SiteFiles;
  /** The folder that jobs' data paths must stay inside. */
  dataRoot: string;
  /** The bounded queue that sampling requests go through. */
  admission: Admission;
  metrics: ServerMetrics;
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
    models: new ModelCache(),
    evaluation: (entry) => readEvaluation(entry.home),
    jobs,
    token,
    site,
    dataRoot,
    admission: new Admission(sampling),
    metrics: new ServerMetrics(),
  };
}
