/** The three convolution kernels of training: forward, and the gradients for the input and the filter. */
import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
} from "@tensorflow/tfjs-core";
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from "../../kernels/conv.ts";
import { float32, view, type WasmKernel } from "./kernel.ts";

function geometry(
  xShape: number[],
  filterShape: number[],
  attrs: Conv2DAttrs | Conv2DBackpropFilterAttrs | Conv2DBackpropInputAttrs,
) {
  if (attrs.dataFormat === "NCHW") throw new Error("conv2d: only NHWC is supported");
  const dilations = "dilations" in attrs ? attrs.dilations : 1;
  return backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    dilations,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

export const conv2DKernel: WasmKernel<Conv2DAttrs> = {
  kernelName: Conv2D,
  kernelFunc({ inputs: { x, filter }, backend, attrs }, { rt }) {
    float32(Conv2D, x, filter);
    const g = geometry(x.shape, filter.shape, attrs);
    const out = backend.makeOutput(g.outShape, "float32");
    conv2d(rt, g, view(backend, x), view(backend, filter), view(backend, out));
    return out;
  },
};

export const conv2DBackpropFilterKernel: WasmKernel<Conv2DBackpropFilterAttrs> = {
  kernelName: Conv2DBackpropFilter,
  kernelFunc({ inputs: { x, dy }, backend, attrs }, { rt }) {
    float32(Conv2DBackpropFilter, x, dy);
    const g = geometry(x.shape, attrs.filterShape, attrs);
    const out = backend.makeOutput(attrs.filterShape, "float32");
    conv2dBackpropFilter(rt, g, view(backend, x), view(backend, dy), view(backend, out));
    return out;
  },
};

export const conv2DBackpropInputKernel: WasmKernel<Conv2DBackpropInputAttrs> = {
  kernelName: Conv2DBackpropInput,
  kernelFunc({ inputs: { dy, filter }, backend, attrs }, { rt }) {
    float32(Conv2DBackpropInput, dy, filter);
    const g = geometry(attrs.inputShape, filter.shape, attrs);
    const out = backend.makeOutput(attrs.inputShape, "float32");
    conv2dBackpropInput(rt, g, view(backend, dy), view(backend, filter), view(backend, out));
    return out;
  },
};
