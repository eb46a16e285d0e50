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
import { createApp } from "../../routes/app.ts";
import { serverToken } from "../serve/auth.ts";
import { createContext } from "../serve/context.ts";
import { buildSite } from "../serve/site_build.ts";
import { readSite } from "../serve/site_files.ts";
import { parseCommandLine } from "./command_line.ts";

const FLAGS = z.strictObject({
  port: option(int(0, 65535), "TCP port; 0 picks a free one", 8000),
  host: option(z.string(), "address to listen on; 0.0.0.0 for every interface", "127.0.0.1"),
  models: option(z.string(), "folder of shipped models, one checkpoint folder each", "models"),
  runs: option(z.string(), "folder of training runs: finished ones are served, jobs train into it", "runs"),
  site: option(z.string(), "folder to build the demo site into", "dist/site"),
  ...BACKEND_OPTIONS,
});

/** The site that `deno task compile` built into the executable, which has no esbuild to build one. */
const EMBEDDED_SITE = fileURLToPath(new URL("../../dist/site", import.meta.url));

/** The folder of the built site: built into `folder` now, or the executable's own. */
async function siteFolder(folder: string): Promise<string> {
  if (Deno.build.standalone) return EMBEDDED_SITE;
  await buildSite(folder);
  return folder;
}

const COMMAND = "deno task serve";
const SUMMARY = "Serves the sampling API, training jobs and the demo site.";

/** The serve command, as `deno task serve` and `edgegan serve` run it. */
export async function serveCommand(args: string[]): Promise<void> {
  const flags = parseCommandLine(COMMAND, SUMMARY, FLAGS, args);
  const modelsDir = flags.models;
  if (!(await Deno.stat(modelsDir).then((s) => s.isDirectory, () => false))) {
    console.error(
      `${COMMAND}: --models ${modelsDir} is not a folder (run from the repository, or point --models at one)`,
    );
    Deno.exit(2);
  }
  const token = serverToken();
  await initBackend({ backend: flags.backend, threads: flags.threads });
  const ctx = createContext({
    modelsDir,
    runsDir: flags.runs,
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
  Deno.addSignalListener("SIGINT", async () => {
    await ctx.jobs.stopAll(); // each keeps its last checkpoint
    await server.shutdown();
  });
  await server.finished;
}

if (import.meta.main) await serveCommand(Deno.args);
