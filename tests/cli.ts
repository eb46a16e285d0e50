// The project's commands as a user runs them: a fresh Deno process, its exit code and its output as text.
import { fileURLToPath } from "node:url";

export const TRAIN = fileURLToPath(new URL("../src/cli/train.ts", import.meta.url));
export const EVAL = fileURLToPath(new URL("../src/cli/eval.ts", import.meta.url));

export async function runCli(
  entry: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", entry, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: text(stdout), stderr: text(stderr) };
}
