/**
 * Line charts for the README: panels of series against a shared x axis,
 * written as SVG and rendered to PNG by resvg (its wasm build), with the
 * DejaVu Sans that Debian's fonts-dejavu-core installs.
 */
import { initWasm, Resvg } from "@resvg/resvg-wasm";

export interface Series {
  name: string;
  colour: string;
  points: [number, number][];
  /** A dot at each point (the default); a long curve is clearer as a line alone. */
  dots?: boolean;
}

export interface Panel {
  title: string;
  /** The y range shown, lines beyond it cut at its edge; a floor within it is drawn as a dashed line. */
  y: [number, number];
  floor?: { value: number; label: string };
  series: Series[];
}

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const W = 420, H = 300, M = { left: 56, right: 16, top: 36, bottom: 44 };
/** A rect's attributes: the plotting area of a panel, grown by `pad` on every side. */
const area = (pad: number) =>
  `x="${M.left - pad}" y="${M.top - pad}" width="${W - M.left - M.right + 2 * pad}" ` +
  `height="${H - M.top - M.bottom + 2 * pad}"`;
/** A dot's radius; lines are cut this far outside the plotting area, so that a dot on its edge stays whole. */
const DOT = 3.5;

/** The panels side by side as SVG, x on a log scale (minutes, labels and epochs span decades). */
export function lineChartSvg(panels: Panel[], xLabel: string, xTicks: number[]): string {
  const [x0, x1] = [Math.log(xTicks[0]), Math.log(xTicks.at(-1)!)];
  const px = (x: number) => M.left + (Math.log(x) - x0) / (x1 - x0) * (W - M.left - M.right);
  const body = panels.map((panel, p) => {
    const [y0, y1] = panel.y;
    const py = (y: number) => H - M.bottom - (y - y0) / (y1 - y0) * (H - M.top - M.bottom);
    const yTicks = Array.from({ length: 5 }, (_, i) => y0 + (i * (y1 - y0)) / 4);
    const parts = [
      `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${panel.title}</text>`,
      ...yTicks.map((y) =>
        `<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e5e5"/>` +
        `<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end" font-size="11">${+y.toFixed(2)}</text>`
      ),
      ...xTicks.map((x) =>
        `<text x="${px(x)}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11">${x}</text>`
      ),
      `<text x="${W / 2}" y="${H - 8}" text-anchor="middle" font-size="12">${xLabel}</text>`,
      `<rect ${area(0)} fill="none" stroke="#999"/>`,
    ];
    if (panel.floor && panel.floor.value >= y0 && panel.floor.value <= y1) {
      const y = py(panel.floor.value);
      parts.push(
        `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#666" stroke-dasharray="5 4"/>`,
        // At the left: the lines reach the floor, if at all, towards the right.
        `<text x="${M.left + 4}" y="${y - 5}" font-size="11" fill="#444">` +
          `${panel.floor.label}</text>`,
      );
    }
    parts.push(`<clipPath id="plot${p}"><rect ${area(DOT)}/></clipPath>`);
    panel.series.forEach((s, i) => {
      const path = s.points.map(([x, y]) => `${px(x)},${py(y)}`).join(" ");
      const dots = s.dots === false
        ? []
        : s.points.map(([x, y]) => `<circle cx="${px(x)}" cy="${py(y)}" r="${DOT}" fill="${s.colour}"/>`);
      parts.push(
        `<g clip-path="url(#plot${p})">` +
          `<polyline points="${path}" fill="none" stroke="${s.colour}" stroke-width="2.5"/>${
            dots.join("")
          }</g>`,
        `<text x="${M.left + 8}" y="${
          M.top + 16 + 16 * i
        }" font-size="12" fill="${s.colour}">${s.name}</text>`,
      );
    });
    return `<g transform="translate(${p * W},0)">${parts.join("")}</g>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W * panels.length}" height="${H}" ` +
    `font-family="DejaVu Sans"><rect width="100%" height="100%" fill="white"/>${body.join("")}</svg>`;
}

/** resvg's WebAssembly, which may be initialised once per process. */
let resvgReady: Promise<void> | undefined;

export async function svgToPng(svg: string): Promise<Uint8Array> {
  resvgReady ??= Deno.readFile(new URL(import.meta.resolve("@resvg/resvg-wasm/index_bg.wasm"))).then(
    initWasm,
  );
  await resvgReady;
  const font = await Deno.readFile(FONT).catch(() => {
    throw new Error(`${FONT} is missing: apt-get install fonts-dejavu-core`);
  });
  const options = { font: { fontBuffers: [font], defaultFontFamily: "DejaVu Sans", loadSystemFonts: false } };
  return new Resvg(svg, options).render().asPng();
}
