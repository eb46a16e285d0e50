/**
 * The convolution kernels of training: forward (plain, and FusedConv2D's with
 * a bias and a ReLU or leaky ReLU), and the gradients for the input and the filter.
 */
import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  FusedConv2D,
  type FusedConv2DAttrs,
  util,
} from "@tensorflow/tfjs-core";
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput } from "../../kernels/conv.ts";
import { fusedConv2DSlope } from "../kernel_names.ts";
import { float32, type GemmKernel } from "./kernel.ts";

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

export const conv2DKernel: GemmKernel<Conv2DAttrs> = {
  kernelName: Conv2D,
  kernelFunc({ inputs: { x, filter }, attrs }, rt, store) {
    float32(Conv2D, x, filter);
    const g = geometry(x.shape, filter.shape, attrs);
    const out = store.output(g.outShape);
    conv2d(rt, g, store.read(x), store.read(filter), out.values);
    return out.info;
  },
};

/**
 * Convolution plus a bias per output channel, then a ReLU or leaky ReLU where
 * asked, applied as the GEMM writes its output rather than in passes of their own.
 */
export const fusedConv2DKernel: GemmKernel<FusedConv2DAttrs> = {
  kernelName: FusedConv2D,
  kernelFunc({ inputs: { x, filter, bias, preluActivationWeights }, attrs }, rt, store) {
    float32(FusedConv2D, x, filter, ...(bias ? [bias] : []));
    if (preluActivationWeights) throw new Error(`${FusedConv2D}: a fused prelu is not supported`);
    const slope = fusedConv2DSlope(attrs);
    const g = geometry(x.shape, filter.shape, attrs);
    const biasSize = bias ? util.sizeFromShape(bias.shape) : 0;
    if (bias && biasSize !== g.outChannels) {
      throw new Error(
        `${FusedConv2D}: bias of shape [${bias.shape}] is not one value per output channel (${g.outChannels})`,
      );
    }
    const out = store.output(g.outShape);
    conv2d(rt, g, store.read(x), store.read(filter), out.values, bias && store.read(bias), slope);
    return out.info;
  },
};

export const conv2DBackpropFilterKernel: GemmKernel<Conv2DBackpropFilterAttrs> = {
  kernelName: Conv2DBackpropFilter,
  kernelFunc({ inputs: { x, dy }, attrs }, rt, store) {
    float32(Conv2DBackpropFilter, x, dy);
    const g = geometry(x.shape, attrs.filterShape, attrs);
    const out = store.output(attrs.filterShape);
    conv2dBackpropFilter(rt, g, store.read(x), store.read(dy), out.values);
    return out.info;
  },
};

export const conv2DBackpropInputKernel: GemmKernel<Conv2DBackpropInputAttrs> = {
  kernelName: Conv2DBackpropInput,
  kernelFunc({ inputs: { dy, filter }, attrs }, rt, store) {
    float32(Conv2DBackpropInput, dy, filter);
    const g = geometry(attrs.inputShape, filter.shape, attrs);
    const out = store.output(attrs.inputShape);
    conv2dBackpropInput(rt, g, store.read(dy), store.read(filter), out.values);
    return out.info;
  },
};
