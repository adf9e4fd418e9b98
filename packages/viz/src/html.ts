import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Figure } from "./figure.js";
import { plotlySource } from "./plotlySource.js";

/** One part of an HTML report: a heading, a paragraph of text, a figure, or raw HTML (tables). */
export interface ReportSection {
  readonly title?: string;
  /** Plain text (escaped); blank lines separate paragraphs. */
  readonly text?: string;
  readonly figure?: Figure;
  /** Trusted HTML inserted as is (e.g. a summary table you built). */
  readonly html?: string;
}

/** A whole report. */
export interface Report {
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly ReportSection[];
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** JSON safe to put inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A self-contained HTML report: plotly.js is embedded once for the whole report (not once per figure), every
 * figure is a JSON spec drawn on load, and the file opens offline in any browser.
 *
 * @example
 * writeFileSync("report.html", htmlReport({ title: "Backtest", sections: [{ title: "Equity", figure: fig }] }));
 */
export function htmlReport(report: Report): string {
  const figures: Figure[] = [];
  const body = report.sections
    .map((s) => {
      const parts: string[] = [];
      if (s.title) parts.push(`<h2>${escapeHtml(s.title)}</h2>`);
      if (s.text) {
        for (const para of s.text.split(/\n\s*\n/)) parts.push(`<p>${escapeHtml(para.trim())}</p>`);
      }
      if (s.html) parts.push(s.html);
      if (s.figure) {
        parts.push(`<div class="figure" id="qk-fig-${figures.length}"></div>`);
        figures.push(s.figure);
      }
      return `<section>${parts.join("\n")}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(report.title)}</title>
<style>
body{font-family:Inter,Helvetica,Arial,sans-serif;color:#111827;max-width:1040px;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{margin-bottom:0}.subtitle{color:#6b7280;margin-top:.25rem}
table{border-collapse:collapse;margin:1rem 0}td,th{border-bottom:1px solid #e5e7eb;padding:.3rem .8rem;text-align:right}
th:first-child,td:first-child{text-align:left}.figure{margin:1rem 0}
</style>
<script>${plotlySource()}</script>
</head>
<body>
<h1>${escapeHtml(report.title)}</h1>
${report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : ""}
${body}
<script>
const figures = ${scriptJson(figures)};
figures.forEach((f, i) => Plotly.newPlot("qk-fig-" + i, f.data, f.layout, { responsive: true, displaylogo: false }));
</script>
</body>
</html>
`;
}

/**
 * Writes {@link htmlReport} to a file, creating folders as needed, and returns the path.
 *
 * @example
 * writeHtmlReport("out/report.html", { title: "Risk", sections: [{ figure: fan }] });
 */
export function writeHtmlReport(path: string, report: Report): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, htmlReport(report));
  return path;
}
