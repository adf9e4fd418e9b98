import { createRequire } from "node:module";
import type { Figure } from "./figure.js";
import { plotlySource } from "./plotlySource.js";

interface TslabDisplay {
  html(s: string): void;
}

let plotlyShown = false;
let counter = 0;

function tslabDisplay(): TslabDisplay | undefined {
  try {
    const require = createRequire(import.meta.url);
    const tslab = require("tslab") as { display?: TslabDisplay };
    return tslab.display;
  } catch {
    return undefined;
  }
}

/**
 * HTML that draws a figure in a notebook output cell. plotly.js is inlined only in the first figure of a kernel
 * session (later figures reuse `window.Plotly`), so a notebook stays light.
 *
 * @example
 * figureHtml(fig).includes("Plotly.newPlot") // → true
 */
export function figureHtml(figure: Figure, options: { includePlotly?: boolean } = {}): string {
  const include = options.includePlotly ?? !plotlyShown;
  plotlyShown = true;
  const id = `qk-nb-fig-${counter++}`;
  const spec = JSON.stringify(figure).replace(/</g, "\\u003c");
  return `${include ? `<script>${plotlySource()}</script>` : ""}<div id="${id}"></div><script>(function(){var f=${spec};Plotly.newPlot("${id}",f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`;
}

/**
 * Shows a figure inline in a tslab notebook with one call. Outside a notebook it prints a one-line note instead
 * (use `htmlReport` or `FigureRenderer` there).
 *
 * @example
 * show(candlestickFigure(bars));
 */
export function show(figure: Figure): void {
  const display = tslabDisplay();
  if (display) display.html(figureHtml(figure));
  else {
    const title = typeof figure.layout.title === "string" ? figure.layout.title : figure.layout.title?.text;
    console.log(
      `[figure: ${title ?? "untitled"} — ${figure.data.length} traces; show() displays it in tslab]`,
    );
  }
}
