/**
 * Named float32 tensors, and their safetensors file: how checkpoints, the
 * weights route, the browser and the edge bundle all store and read them.
 * A file may hold float16 (shipped models), read back as float32.
 */
import { decodeSafetensors, encodeSafetensors, fromF16, type SafeTensor, toF16 } from "./safetensors.ts";

export interface Tensor {
  shape: number[];
  data: Float32Array;
}

export type Tensors = Record<string, Tensor>;

export function encodeTensors(tensors: Tensors, { fp16 = false } = {}): Uint8Array {
  return encodeSafetensors(
    Object.fromEntries(
      Object.entries(tensors).map(([name, { shape, data }]): [string, SafeTensor] => [
        name,
        fp16 ? { dtype: "F16", shape, data: halves(name, data) } : { dtype: "F32", shape, data },
      ]),
    ),
  );
}

/** Float16's largest value is 65504; from 65520 up a float rounds to infinity. */
const F16_OVERFLOW = 65520;

/** `data` as float16, refused where a finite value would become infinite. */
function halves(name: string, data: Float32Array): Uint16Array {
  const at = data.findIndex((v) => Math.abs(v) >= F16_OVERFLOW && Number.isFinite(v));
  if (at >= 0) throw new Error(`tensor ${name}: ${data[at]} (at ${at}) is beyond float16's range`);
  return toF16(data);
}

export function decodeTensors(bytes: Uint8Array): Tensors {
  const { tensors } = decodeSafetensors(bytes);
  return Object.fromEntries(Object.entries(tensors).map(([name, tensor]) => [name, asFloat32(name, tensor)]));
}

function asFloat32(name: string, { dtype, shape, data }: SafeTensor): Tensor {
  switch (dtype) {
    case "F32":
      return { shape, data };
    case "F16":
      return { shape, data: fromF16(data) };
    default:
      throw new Error(`tensor ${name} is ${dtype}, expected F32 or F16`);
  }
}
