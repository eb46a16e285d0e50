/** Task structs of our C kernels: int32 fields, and float32 ones written `{ f32: x }`. */
export type Field = number | { f32: number };

export function writeStruct(buffer: ArrayBufferLike, ptr: number, fields: Field[]): void {
  const view = new DataView(buffer, ptr, fields.length * 4);
  fields.forEach((v, i) =>
    typeof v === "number" ? view.setInt32(i * 4, v, true) : view.setFloat32(i * 4, v.f32, true)
  );
}
