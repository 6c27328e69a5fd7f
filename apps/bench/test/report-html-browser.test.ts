import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import type { Report } from '../src/model/schema.js';
import { renderHtml } from '../src/report/html.js';
import { completed, fullReport, makeReport, skipped, sweepReport } from './report-fixture.js';

// Debian's chromium package; CI installs it with `apt-get install -y chromium`.
const CHROMIUM = process.env.FANOUT_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`report-html-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const CHART_IDS = ['chart-batch', 'chart-rps', 'chart-cpu', 'chart-rss', 'chart-startup', 'chart-latency'];

/** The stored sweep figures, as `fanout run` stores them. */
function annotated(report: Report): Report {
  const { jobs, latencyMs } = report.settings;
  return {
    ...report,
    runs: annotateRuns(report.runs, { jobLatenciesMs: Array<number>(jobs).fill(latencyMs), calibration: undefined }),
  };
}

interface Visit {
  readonly messages: string[];
  readonly requests: string[];
  readonly page: import('playwright-core').Page;
}

describe.skipIf(!hasChromium)('report.html in headless Chromium, offline', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'fanout-html-'));

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens the rendered report with every request other than the file itself aborted and recorded. */
  async function visit(report: Report, name: string): Promise<Visit> {
    const file = join(dir, name);
    writeFileSync(file, await renderHtml(report));
    const url = pathToFileURL(file).href;
    const context = await browser.newContext();
    const messages: string[] = [];
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      const target = route.request().url();
      if (target === url) return route.continue();
      requests.push(target);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url);
    if (process.env.FANOUT_SCREENSHOT) await page.screenshot({ path: process.env.FANOUT_SCREENSHOT, fullPage: true });
    return { messages, requests, page };
  }

  /** Waits until every chart container holds an SVG with drawn marks; returns the points and lines per chart. */
  async function chartsDrawn(page: Visit['page']): Promise<Record<string, number>> {
    const marks: Record<string, number> = {};
    for (const id of CHART_IDS) {
      const drawn = page.locator(`#${id} svg .mark-symbol path, #${id} svg .mark-line path`);
      await drawn.first().waitFor({ state: 'attached' });
      marks[id] = await drawn.count();
    }
    return marks;
  }

  it('draws every chart and every table, with no network request and nothing on the console', async () => {
    const report = annotated(
      makeReport([
        ...sweepReport().runs,
        {
          ...completed('fetch', 10, 120),
          worstBatch: { succeeded: 97, failed: 3, bytes: 97_000, errors: { TIMEOUT: 2, HTTP_STATUS: 1 } },
        },
      ]),
    );
    const { page, messages, requests } = await visit(report, 'report.html');
    const marks = await chartsDrawn(page);
    for (const id of CHART_IDS) expect(marks[id], id).toBeGreaterThan(0);
    const tables = await page
      .locator('table')
      .evaluateAll((all) => all.map((table) => ({ id: table.id, rows: table.querySelectorAll('tbody tr').length })));
    expect(tables).toEqual([
      { id: 'table-environment', rows: 7 },
      { id: 'table-settings', rows: 13 }, // with the Protocol row (issue 19)
      { id: 'table-batch', rows: 3 },
      { id: 'table-efficiency', rows: 3 },
      { id: 'table-speedup', rows: 3 },
      { id: 'table-over-sequential', rows: 3 },
      { id: 'table-runs', rows: 10 },
    ]);
    const batchRow = await page.locator('#table-batch tbody tr').first().locator('td').allTextContents();
    expect(batchRow).toEqual(['1', '640 ms ±3.3%', '600 ms ±1.0%', '675 ms ±2.1%', '–']);
    const fetchRow = page.locator('#table-runs tbody tr').last().locator('td');
    expect(await fetchRow.first().textContent()).toBe('fetch');
    expect(await fetchRow.last().textContent()).toBe('HTTP_STATUS 1, TIMEOUT 2');
    // The bound is drawn: its tooltip field exists in the embedded spec, and a bound line is in the batch chart.
    expect(await page.locator('#chart-batch svg [stroke-dasharray]').count()).toBeGreaterThan(0);
    expect(requests).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('shows the peers with their paired ratios, every warning, the configurations and the unmeasured points', async () => {
    const { page, messages, requests } = await visit(fullReport(), 'full.html');
    await chartsDrawn(page);
    const rows = page.locator('#table-peers-50 tbody tr');
    const peers: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++) peers.push(await rows.nth(i).locator('td').allTextContents());
    expect(peers.map((row) => row.slice(0, 2))).toEqual([
      ['strategy', 'async'],
      ['strategy', 'thread-pool'],
      ['peer', 'undici-pool'],
      ['peer', 'autocannon'],
      ['peer', 'wrk'],
    ]);
    expect(peers[0]?.[3]).toBe('1.06× (0.95–1.07; rounds 1.06, 0.95, 1.07; parity within noise)');
    expect(await page.locator('#list-warnings li').allTextContents()).toHaveLength(6);
    // The ⚠ cells are marked, in the detail table and in the efficiency table.
    expect(await page.locator('#table-runs td.warn').count()).toBe(6);
    expect(await page.locator('#table-runs td.warn').first().textContent()).toBe('125.0% ⚠');
    expect(await page.locator('#table-efficiency td.warn').allTextContents()).toEqual(['125.0% ⚠ / 125.0% ⚠']);
    expect(await page.locator('#list-configurations').textContent()).toContain('1 thread × 1 in flight');
    expect(await page.locator('#table-runs').textContent()).toContain('interrupted after 250 of 500 timed jobs');
    // Peers are drawn beside the strategies in the throughput chart.
    expect(await page.locator('#chart-rps svg').textContent()).toContain('undici-pool');
    expect(requests).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('shows hostile strings as text and runs none of them', async () => {
    const hostile = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    const message = `"'<>& \u2028</script>`;
    const report = annotated(
      makeReport(
        [
          completed(hostile, 1, 100),
          {
            ...completed(hostile, 10, 20),
            worstBatch: { succeeded: 99, failed: 1, bytes: 99_000, errors: { [message]: 1 } },
          },
          skipped('async', 10, `<b onmouseover="window.__pwned=3">${message}</b>`),
        ],
        { target: `http://127.0.0.1:1/<script>window.__pwned=4</script>?a="'&` },
      ),
    );
    const { page, messages, requests } = await visit(report, 'hostile.html');
    await chartsDrawn(page);
    expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img, b').count()).toBe(0);
    expect(await page.locator('#table-runs tbody tr').first().locator('td').first().textContent()).toBe(hostile);
    expect(await page.locator('#table-runs tbody tr').nth(1).locator('td').last().textContent()).toBe(`${message} 1`);
    expect(await page.locator('#table-settings').textContent()).toContain('<script>window.__pwned=4</script>?a="\'&');
    // The chart legend carries the name as text too.
    expect(await page.locator('#chart-batch svg').textContent()).toContain('</script>');
    expect(requests).toEqual([]);
    expect(messages).toEqual([]);
  });
});
