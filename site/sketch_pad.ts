/** A canvas to draw white strokes on black with a mouse or a finger; `onStroke` runs as each stroke ends. */
export interface SketchPad {
  clear(): void;
}

export function sketchPad(canvas: HTMLCanvasElement, pen: number, onStroke: () => void): SketchPad {
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  const clear = () => {
    context.fillStyle = "black";
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  let drawing = false;
  const at = (e: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [
      (e.clientX - box.left) * canvas.width / box.width,
      (e.clientY - box.top) * canvas.height / box.height,
    ];
  };
  canvas.addEventListener("pointerdown", (e) => {
    drawing = true;
    canvas.setPointerCapture(e.pointerId);
    context.beginPath();
    context.moveTo(...at(e));
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    Object.assign(context, { strokeStyle: "white", lineWidth: pen, lineCap: "round", lineJoin: "round" });
    context.lineTo(...at(e));
    context.stroke();
  });
  canvas.addEventListener("pointerup", () => {
    drawing = false;
    onStroke();
  });
  // A touch the browser takes back (a scroll, a palm) ends the stroke without reading it.
  canvas.addEventListener("pointercancel", () => drawing = false);
  return { clear };
}
