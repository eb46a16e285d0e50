/**
 * The edge bundle run on real hosts on loopback, for tests/edge_test.ts and
 * scripts/bench_edge.ts: `deno serve` (no permissions but the socket) and
 * workerd (Cloudflare's runtime, from npm).
 */
import { fileURLToPath } from "node:url";

const WORKERD = fileURLToPath(
  new URL("../node_modules/@cloudflare/workerd-linux-64/bin/workerd", import.meta.url),
);
const READY_MS = 30_000;

export interface EdgeHost {
  url: string;
  /** Milliseconds from the host's start to its first answer to `probe`. */
  coldStartMs: number;
  close(): Promise<void>;
}

/** `deno serve` on the bundle, with only the permission to listen. */
export function startDenoHost(bundle: string, probe: string): Promise<EdgeHost> {
  return startHost(
    probe,
    (port) => [Deno.execPath(), ["serve", "--host", "127.0.0.1", "--port", port, bundle]],
  );
}

/** workerd on `config` (edge/workerd.capnp or a copy beside another bundle). */
export function startWorkerdHost(config: string, probe: string): Promise<EdgeHost> {
  return startHost(probe, (port) => [WORKERD, ["serve", config, "--socket-addr", `http=127.0.0.1:${port}`]]);
}

async function startHost(probe: string, command: (port: string) => [string, string[]]): Promise<EdgeHost> {
  const port = freePort();
  const [program, args] = command(String(port));
  const started = performance.now();
  const child = new Deno.Command(program, { args, stdout: "null", stderr: "piped" }).spawn();
  const stderr = new Response(child.stderr).text();
  let exited = false;
  const status = child.status.then((s) => (exited = true, s));
  const close = async () => {
    if (!exited) child.kill();
    await status;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await firstAnswer(url + probe, status);
  } catch (e) {
    await close();
    throw new Error(`${program} did not answer: ${(e as Error).message}\n${await stderr}`);
  }
  return { url, coldStartMs: performance.now() - started, close };
}

/** Polls `url` until it answers 200, the process exits, or READY_MS pass. */
async function firstAnswer(url: string, exited: Promise<Deno.CommandStatus>): Promise<void> {
  let done = false;
  exited.then(() => done = true);
  const deadline = performance.now() + READY_MS;
  while (!done && performance.now() < deadline) {
    const response = await fetch(url).catch(() => undefined);
    if (response) {
      await response.body?.cancel();
      if (response.ok) return;
      throw new Error(`${url}: ${response.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(done ? "it exited" : `no answer in ${READY_MS} ms`);
}

/** A port the OS had free a moment ago: workerd takes an address, not port 0. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}
