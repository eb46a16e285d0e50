/** The two losses by iteration, drawn on a canvas at the screen's pixel density. */

interface Point {
  iteration: number;
  lossD: number;
  lossG: number;
}

const SERIES = [
  { key: "lossD", name: "D loss", colour: "--d-loss" },
  { key: "lossG", name: "G loss", colour: "--g-loss" },
] as const;
const PAD = { left: 40, right: 12, top: 24, bottom: 22 };

export class LossChart {
  #points: Point[] = [];

  constructor(readonly canvas: HTMLCanvasElement) {
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  add(point: Point): void {
    this.#points.push(point);
    this.draw();
  }

  clear(): void {
    this.#points = [];
    this.draw();
  }

  draw(): void {
    const { canvas } = this;
    const scale = devicePixelRatio;
    [canvas.width, canvas.height] = [canvas.clientWidth * scale, canvas.clientHeight * scale];
    const g = canvas.getContext("2d")!;
    g.scale(scale, scale);
    const style = getComputedStyle(canvas);
    const [width, height] = [canvas.clientWidth, canvas.clientHeight];
    g.font = "11px system-ui, sans-serif";
    g.fillStyle = style.getPropertyValue("--muted");
    if (this.#points.length < 2) {
      g.fillText("losses appear here as a job trains", PAD.left, height / 2);
      return;
    }
    const iterations = this.#points.map((p) => p.iteration);
    const values = this.#points.flatMap((p) => [p.lossD, p.lossG]);
    const [x0, x1] = [Math.min(...iterations), Math.max(...iterations)];
    const [y0, y1] = [Math.min(0, ...values), Math.max(...values) * 1.05];
    const x = (iteration: number) => PAD.left + (iteration - x0) / (x1 - x0) * (width - PAD.left - PAD.right);
    const y = (v: number) => height - PAD.bottom - (v - y0) / (y1 - y0) * (height - PAD.top - PAD.bottom);
    g.strokeStyle = style.getPropertyValue("--line");
    g.strokeRect(PAD.left, PAD.top, width - PAD.left - PAD.right, height - PAD.top - PAD.bottom);
    g.fillText(y1.toFixed(2), 4, PAD.top + 4);
    g.fillText(y0.toFixed(2), 4, height - PAD.bottom);
    const last = `iteration ${x1}`;
    g.fillText(last, width - PAD.right - g.measureText(last).width, height - 6);
    SERIES.forEach(({ key, name, colour }, i) => {
      g.strokeStyle = g.fillStyle = style.getPropertyValue(colour);
      g.lineWidth = 1.5;
      g.beginPath();
      this.#points.forEach((p, k) => (k ? g.lineTo : g.moveTo).call(g, x(p.iteration), y(p[key])));
      g.stroke();
      g.fillText(name, PAD.left + 4 + i * 64, 14);
    });
  }
}
