import { adamUpdate } from "../../kernels/adam_update.ts";
import { ADAM, type AdamAttrs } from "../kernel_names.ts";
import { float32, view, type WasmKernel } from "./kernel.ts";

/** Copies of p, m and v updated in place: the inputs stay immutable. */
export const adamKernel: WasmKernel<AdamAttrs> = {
  kernelName: ADAM,
  kernelFunc({ inputs: { p, g, m, v }, backend, attrs }) {
    float32(ADAM, p, g, m, v);
    const outs = [p, m, v].map((t) => backend.makeOutput(t.shape, "float32"));
    const [p1, m1, v1] = outs.map((t) => view(backend, t));
    p1.set(view(backend, p));
    m1.set(view(backend, m));
    v1.set(view(backend, v));
    adamUpdate(attrs, p1, view(backend, g), m1, v1);
    return outs;
  },
};
