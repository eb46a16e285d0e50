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
  // The pointer that draws: one at a time, so that a second finger neither draws nor joins its stroke to the first's.
  let drawing: number | undefined;
  const at = (e: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [
      (e.clientX - box.left) * canvas.width / box.width,
      (e.clientY - box.top) * canvas.height / box.height,
    ];
  };
  canvas.addEventListener("pointerdown", (e) => {
    if (drawing !== undefined || e.button !== 0) return; // the main button, a touch or a pen's tip
    drawing = e.pointerId;
    canvas.setPointerCapture(e.pointerId);
    context.beginPath();
    context.moveTo(...at(e));
  });
  canvas.addEventListener("pointermove", (e) => {
    if (e.pointerId !== drawing) return;
    Object.assign(context, { strokeStyle: "white", lineWidth: pen, lineCap: "round", lineJoin: "round" });
    context.lineTo(...at(e));
    context.stroke();
  });
  canvas.addEventListener("pointerup", (e) => {
    if (e.pointerId !== drawing) return;
    drawing = undefined;
    onStroke();
  });
  // A touch the browser takes back (a scroll, a palm), or a capture lost, ends the stroke without reading it.
  for (const type of ["pointercancel", "lostpointercapture"] as const) {
    canvas.addEventListener(type, (e) => {
      if (e.pointerId === drawing) drawing = undefined;
    });
  }
  return { clear };
}
