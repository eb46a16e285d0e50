const T0 = performance.now();
const { KernelRuntime } = await import("../src/kernels/runtime.ts");
const { decodeTensors, encodeTensors } = await import("../src/checkpoint/tensors.ts");
const { forwardGenerator } = await import("../src/sampling/forward.ts");
const { generate } = await import("../src/sampling/generator.ts");
const { seedLatents } = await import("../src/sampling/latents.ts");
const { encodePng } = await import("../src/image/png.ts");
const { imageGrid } = await import("../src/image/grid.ts");
const { loadCheckpoint } = await import("../src/checkpoint/checkpoint.ts");
const { config, weights } = await loadCheckpoint("models/dcgan-mnist");
const model = (config as any).model;
const bytes = encodeTensors(Object.fromEntries(Object.entries(weights).filter(([k]) => k.startsWith("G/"))), {
  fp16: true,
});
const module = await WebAssembly.compile(await Deno.readFile("wasm/gemm_single.wasm"));
const t: [string, number][] = [["setup", performance.now()]];
const rt = KernelRuntime.single(module);
t.push(["runtime", performance.now()]);
const tensors = decodeTensors(bytes);
t.push(["decode", performance.now()]);
const G = forwardGenerator(model, tensors, rt);
t.push(["compile", performance.now()]);
const values = generate(G, model, seedLatents(0, 1, model.latent));
t.push(["generate1", performance.now()]);
const png = encodePng(imageGrid(values, 1, 28, 28, 1));
t.push(["png", performance.now()]);
generate(G, model, seedLatents(1, 1, model.latent));
t.push(["generate2", performance.now()]);
let prev = t[0][1];
console.log(
  t.slice(1).map(([k, v]) => {
    const d = v - prev;
    prev = v;
    return `${k} ${d.toFixed(1)}`;
  }).join("  "),
);
