/**
 * The `edgegan` executable (`deno task compile`): `edgegan train ...`,
 * `edgegan eval ...` and `edgegan serve ...` run the tasks of the same
 * names, with the shipped models, our kernels and the demo site inside the
 * executable.
 */
import { evalCommand } from "./eval.ts";
import { serveCommand } from "./serve.ts";
import { trainCommand } from "./train.ts";

const COMMANDS: Record<string, { run: (args: string[]) => Promise<void>; help: string }> = {
  train: { run: trainCommand, help: "trains a GAN (edgegan train --help lists its flags)" },
  eval: { run: evalCommand, help: "measures a trained run against held-out data (edgegan eval --help)" },
  serve: { run: serveCommand, help: "serves the sampling API, training jobs and the demo site" },
};

const USAGE = [
  "usage: edgegan <command> [flags]",
  "",
  "Trains GANs and samples from them on CPUs.",
  "",
  "commands:",
  ...Object.entries(COMMANDS).map(([name, { help }]) => `  ${name.padEnd(8)}${help}`),
].join("\n");

const [name, ...args] = Deno.args;
const command = COMMANDS[name];
if (command) await command.run(args);
else if (name === undefined || name === "--help" || name === "-h") console.log(USAGE);
else {
  console.error(`edgegan: unknown command "${name}"\n\n${USAGE}`);
  Deno.exit(2);
}
