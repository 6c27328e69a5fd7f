import { describe, expect, it } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { renderHtml } from '../src/report/html.js';
import { escapeHtml, jsonForScript, scriptSource } from '../src/report/html-escape.js';
import { completed, makeReport, skipped } from './report-fixture.js';

const HOSTILE = [
  '</script><script>alert(1)</script>',
  `"'<>&`,
  '<!-- <script>',
  'a\u2028b\u2029c',
  '</SCRIPT >',
  '&lt;already&gt;',
];

describe('HTML escaping', () => {
  it('escapes text so no tag, entity or attribute can start', () => {
    for (const text of HOSTILE) expect(escapeHtml(text)).not.toMatch(/[<>"']|&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(escapeHtml(`"'<>&`)).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('embeds JSON with none of < > & U+2028 U+2029, and reads back to the same value', () => {
    const value = { names: HOSTILE, nested: { [HOSTILE[0] as string]: 1 } };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('refuses a library source that would end its script element', () => {
    expect(() => scriptSource('var a = "</script>";', 'lib')).toThrow(/lib cannot be inlined/);
    expect(() => scriptSource('var a = "<!--";', 'lib')).toThrow(/lib cannot be inlined/);
    expect(scriptSource('var a = 1 < 2;', 'lib')).toBe('var a = 1 < 2;');
  });

  it('keeps hostile names out of the page structure: five script elements, each closed once', async () => {
    const report = makeReport([completed(HOSTILE[0] as string, 1, 100), completed(HOSTILE[2] as string, 1, 90)], {
      target: HOSTILE.join(' '),
    });
    const html = await renderHtml({
      ...report,
      runs: annotateRuns(report.runs, { jobLatenciesMs: Array<number>(100).fill(5), calibration: undefined }),
    });
    // The JSON data, vega, vega-lite, vega-embed and the drawing code.
    expect(html.match(/<script[\s>]/gi)).toHaveLength(5);
    expect(html.match(/<\/script/gi)).toHaveLength(5);
    // Defence in depth beside the browser test: the page forbids every fetch, whatever a library might try.
    expect(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(html)).toBe(true);
    expect(html.length).toBeLessThan(1_000_000);
  });

  it('carries no chart and no script when no point completed, but still the tables', async () => {
    const html = await renderHtml(makeReport([skipped('sequential', 10, 'at most 1')], { interrupted: true }));
    expect(html).not.toContain('<script');
    expect(html).toContain('No point completed, so there is nothing to chart.');
    expect(html).toContain('<p class="warn">Interrupted: ');
    expect(html).toMatch(/<td class="l muted" colspan="\d+">skipped: at most 1<\/td>/);
    expect(html.length).toBeLessThan(20_000);
  });
});
