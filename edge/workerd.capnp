# workerd (Cloudflare Workers' runtime) serving the edge bundle of `deno task build:edge`
# (worker.js, with our kernels' module and the weights' data module beside it):
#   workerd serve edge/workerd.capnp [--socket-addr http=127.0.0.1:PORT]
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "edgegan", worker = .edgegan)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "edgegan")],
);

const edgegan :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "../dist/edge/worker.js"),
    (name = "gemm_single.wasm", wasm = embed "../dist/edge/gemm_single.wasm"),
    (name = "weights.wasm", wasm = embed "../dist/edge/weights.wasm"),
  ],
  compatibilityDate = "2025-11-01",
);
