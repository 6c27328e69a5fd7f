import type { Report } from '../model/schema.js';
import { blocksHtml } from './html-blocks.js';
import { escapeHtml as esc, jsonForScript, scriptSource } from './html-escape.js';
import { loadChartBundles } from './html-libs.js';
import { type HtmlChart, htmlCharts } from './html-specs.js';
import { reportSections } from './sections.js';
import { type ReportView, viewOf } from './view/build.js';

// The page may run scripts written inline (the bundles and the drawing code; vega compiles its expressions with
// Function, hence unsafe-eval) and nothing else: no request of any kind leaves it.
const CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;padding:0 16px;color:#222}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}h3{font-size:15px}
.charts{display:flex;flex-wrap:wrap;gap:20px}.chart{border:1px solid #ddd;border-radius:6px;padding:8px}
.chart h3{font-size:14px;margin:0 0 6px}table{border-collapse:collapse;margin:8px 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:right;white-space:nowrap}.l{text-align:left}
#table-environment td,#table-settings td,td[colspan],#table-runs td:last-child,[id^=table-peers] td{white-space:normal}
thead{background:#f4f4f4}.muted{color:#777}.warn{background:#fff3cd}p.warn,ul.warn{padding:6px 10px 6px 28px}
#vg-tooltip-element{font-size:12px}`;

// Reads the specs from the JSON element and draws each into its container; a failure is shown on the page.
const DRAW = `(function(){var charts=JSON.parse(document.getElementById('fanout-charts').textContent);
charts.forEach(function(c){var el=document.getElementById(c.id);
vegaEmbed(el,c.spec,{renderer:'svg',actions:false}).catch(function(e){el.textContent='chart failed: '+e.message;});});})();`;

/** report.html: one self-contained page with interactive charts (vega-embed, inlined) and the same sections as report.md. */
export async function renderHtml(report: Report): Promise<string> {
  const view = viewOf(report);
  // Without a completed point there is nothing to chart, so the page carries no libraries and no script at all.
  return page(view, view.chart.length > 0 ? await loadChartBundles() : []);
}

function chartsSection(charts: readonly HtmlChart[]): string {
  const containers =
    charts.length > 0
      ? charts
          .map((chart) => `<div class="chart"><h3>${esc(chart.title)}</h3><div id="${chart.id}"></div></div>`)
          .join('\n')
      : '<p>No point completed, so there is nothing to chart.</p>';
  return `<h2>Charts</h2>\n<p>Hover a point for its figures. W is on a log scale.</p>\n<div class="charts">\n${containers}\n</div>`;
}

function page(view: ReportView, bundles: readonly string[]): string {
  const charts = bundles.length > 0 ? htmlCharts(view) : [];
  const scripts = [
    `<script type="application/json" id="fanout-charts">${jsonForScript(charts.map(({ id, spec }) => ({ id, spec })))}</script>`,
    ...bundles.map((source, i) => `<script>${scriptSource(source, `chart library ${i + 1}`)}</script>`),
    `<script>${DRAW}</script>`,
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(view.title)}</h1>
${blocksHtml(reportSections(view), chartsSection(charts))}
${charts.length > 0 ? scripts.join('\n') : ''}
</body>
</html>
`;
}
