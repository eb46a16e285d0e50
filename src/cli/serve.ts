/**
 * deno task serve [flags]: the sampling API, training jobs and the demo
 * site on one port. The site is built from site/ at start. Job routes need
 * the bearer token in $EDGEGAN_TOKEN, or the one printed here.
 */
import { fileURLToPath } from "node:url";
import { initBackend } from "../backend/select.ts";
import { createApp } from "../serve/app.ts";
import { serverToken } from "../serve/auth.ts";
import { createContext } from "../serve/context.ts";
import { buildSite } from "../serve/site_build.ts";
import { readSite } from "../serve/site_files.ts";
import { BACKEND_FLAGS, backendOptions } from "./backend_flags.ts";
import { type Flag, parseCommandLine } from "./flags.ts";

const FLAGS: readonly Flag[] = [
  { name: "port", type: "int", default: 8000, min: 0, max: 65535, help: "TCP port; 0 picks a free one" },
  {
    name: "host",
    type: "string",
    default: "127.0.0.1",
    help: "address to listen on; 0.0.0.0 for every interface",
  },
  {
    name: "models",
    type: "string",
    default: "models",
    help: "folder of shipped models, one checkpoint folder each",
  },
  {
    name: "runs",
    type: "string",
    default: "runs",
    help: "folder of training runs: finished ones are served, jobs train into it",
  },
  { name: "site", type: "string", default: "dist/site", help: "folder to build the demo site into" },
  ...BACKEND_FLAGS,
];

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
  const modelsDir = flags.models as string;
  if (!(await Deno.stat(modelsDir).then((s) => s.isDirectory, () => false))) {
    console.error(
      `${COMMAND}: --models ${modelsDir} is not a folder (run from the repository, or point --models at one)`,
    );
    Deno.exit(2);
  }
  const token = serverToken();
  await initBackend(backendOptions(flags));
  const ctx = createContext({
    modelsDir,
    runsDir: flags.runs as string,
    token,
    site: await readSite(await siteFolder(flags.site as string)),
  });
  const server = Deno.serve({
    hostname: flags.host as string,
    port: flags.port as number,
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
