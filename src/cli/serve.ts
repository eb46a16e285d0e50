/**
 * deno task serve [flags]: the sampling API, training jobs and the demo
 * site on one port. The site is built from site/ at start. Job routes need
 * the bearer token in $EDGEGAN_TOKEN, or the one printed here.
 */
import { fileURLToPath } from "node:url";
import * as z from "zod/mini";
import { int, option } from "../options/options.ts";
import { BACKEND_OPTIONS } from "../backend/options.ts";
import { initBackend } from "../backend/select.ts";
import { isDirectory } from "../data/mod.ts";
import { createApp } from "../../routes/app.ts";
import { defaultLimits } from "../serve/admission.ts";
import { serverToken } from "../serve/auth.ts";
import { createContext } from "../serve/context.ts";
import { buildSite } from "../serve/site_build.ts";
import { readSite } from "../serve/site_files.ts";
import { OptionError } from "../options/option_error.ts";
import { exitOnOptionError, parseCommandLine } from "./command_line.ts";

const FLAGS = z.strictObject({
  port: option(int(0, 65535), "TCP port; 0 picks a free one", 8000),
  host: option(z.string(), "address to listen on; 0.0.0.0 for every interface", "127.0.0.1"),
  models: option(
    z.string(),
    "folder of shipped models, one checkpoint folder each; default models, or the executable's own",
  ),
  runs: option(z.string(), "folder of training runs: finished ones are served, jobs train into it", "runs"),
  site: option(z.string(), "folder to build the demo site into; the executable has its own built in"),
  "data-root": option(
    z.string(),
    "jobs may train on files inside this folder, besides the built-in data",
    "data",
  ),
  "sampling-running": option(int(1, 256), "sampling requests served at once; default: the cores"),
  "sampling-queue": option(
    int(0),
    "sampling requests that may wait; more are answered 503; default: 4 per core",
  ),
  "sampling-deadline": option(
    int(1),
    "milliseconds a sampling request may wait before a 503; default 1000",
  ),
  ...BACKEND_OPTIONS,
});

/** What `deno task compile` put inside the executable: the shipped models, and the site it built (it has no esbuild). */
const EMBEDDED = {
  models: fileURLToPath(new URL("../../models", import.meta.url)),
  site: fileURLToPath(new URL("../../dist/site", import.meta.url)),
};

/** The folder of the built site: built into `folder` (default dist/site) now, or the executable's own. */
async function siteFolder(folder: string | undefined): Promise<string> {
  if (Deno.build.standalone) {
    if (folder !== undefined) {
      throw new OptionError("{site} is the executable's own: it cannot build another");
    }
    return EMBEDDED.site;
  }
  await buildSite(folder ??= "dist/site");
  return folder;
}

const COMMAND = "deno task serve";
/** How long a shutdown waits for requests under way and jobs' last checkpoints. */
const DRAIN_MS = 25_000;
const SUMMARY = "Serves the sampling API, training jobs and the demo site.";

/** The serve command, as `deno task serve` and `edgegan serve` run it. */
export async function serveCommand(args: string[]): Promise<void> {
  try {
    await serve(args);
  } catch (e) {
    exitOnOptionError(COMMAND, e);
  }
}

async function serve(args: string[]): Promise<void> {
  const flags = parseCommandLine(COMMAND, SUMMARY, FLAGS, args);
  const modelsDir = flags.models ?? (Deno.build.standalone ? EMBEDDED.models : "models");
  if (!(await isDirectory(modelsDir))) {
    throw new OptionError(
      `{models} ${modelsDir} is not a folder (run from the repository, or point {models} at one)`,
    );
  }
  const token = serverToken(Deno.env.get("EDGEGAN_TOKEN"));
  const defaults = defaultLimits(navigator.hardwareConcurrency);
  await initBackend({ backend: flags.backend, threads: flags.threads });
  const ctx = createContext({
    modelsDir,
    runsDir: flags.runs,
    dataRoot: flags["data-root"],
    sampling: {
      running: flags["sampling-running"] ?? defaults.running,
      waiting: flags["sampling-queue"] ?? defaults.waiting,
      deadlineMs: flags["sampling-deadline"] ?? defaults.deadlineMs,
    },
    token,
    site: await readSite(await siteFolder(flags.site)),
  });
  const server = Deno.serve({
    hostname: flags.host,
    port: flags.port,
    onListen: ({ hostname, port }) => {
      console.error(`serving http://${hostname}:${port}/`);
      console.error(
        Deno.env.has("EDGEGAN_TOKEN")
          ? "job token: $EDGEGAN_TOKEN"
          : `job token (set EDGEGAN_TOKEN to choose): ${token}`,
      );
    },
  }, createApp(ctx).fetch);
  // Stop accepting, let requests under way finish (for a while), stop jobs as Ctrl-C stops a run.
  const shutdown = async () => {
    const drained = Promise.all([server.shutdown(), ctx.jobs.stopAll()]);
    const late = new Promise((resolve) => Deno.unrefTimer(setTimeout(resolve, DRAIN_MS)));
    await Promise.race([drained, late]);
    Deno.exit(0);
  };
  for (const name of ["SIGINT", "SIGTERM"] as const) Deno.addSignalListener(name, shutdown);
  await server.finished;
}

if (import.meta.main) await serveCommand(Deno.args);
