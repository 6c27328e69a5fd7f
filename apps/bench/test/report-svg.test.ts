import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { renderSweepSvg } from '../src/report/svg.js';
import { calibrated, completed, makeReport, skipped, sweepReport } from './report-fixture.js';

/**
 * Real XML parsers, no regexes: saxes (strict XML 1.0) rejects what escaping bugs cause (a bare `&` or `<`, tags
 * that do not nest, two roots); xmldom then gives a DOM to query.
 */
function assertWellFormedXml(xml: string): void {
  const strict = new SaxesParser({ xmlns: true });
  strict.on('error', (error) => {
    throw error;
  });
  strict.write(xml).close();
}

function parseSvg(xml: string): Document {
  assertWellFormedXml(xml);
  const document = new DOMParser().parseFromString(xml, 'image/svg+xml');
  if (document.documentElement?.tagName !== 'svg') throw new Error('the root element is not <svg>');
  return document;
}

/** vega's mark groups (`<g class="… role-mark NAME">`) of one mark. */
function markGroups(svg: string, classes: string): Element[] {
  return Array.from(parseSvg(svg).getElementsByTagName('g')).filter((g) => g.getAttribute('class') === classes);
}

/** How many line groups of the mark named `className` draw a path. */
function pathsIn(svg: string, className: string): number {
  return markGroups(svg, `mark-line role-mark ${className}`).filter((g) => g.getElementsByTagName('path').length > 0)
    .length;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('renderSweepSvg', () => {
  it('draws a standalone SVG with one line per strategy, the dashed latency floor and the knees', async () => {
    const svg = await renderSweepSvg(sweepReport());
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    assertWellFormedXml(svg);
    expect(pathsIn(svg, 'runs_marks')).toBe(3);
    expect(pathsIn(svg, 'floor_marks')).toBe(1);
    const [floor] = markGroups(svg, 'mark-line role-mark floor_marks');
    expect(floor?.getElementsByTagName('path')[0]?.getAttribute('stroke-dasharray')).toBe('6,4');
    const texts = Array.from(parseSvg(svg).getElementsByTagName('text')).map((text) => text.textContent);
    expect(texts).toContain('latency floor');
    // No calibration in the fixture: no capacity estimate.
    expect(svg).not.toContain('estimate_marks');
    // One knee: thread-pool at 10 (async still falls at the end of the grid; sequential has one point).
    const [knees] = markGroups(svg, 'mark-symbol role-mark knees_marks');
    expect(knees?.getElementsByTagName('path')).toHaveLength(1);
    expect(svg).toContain('sequential at W = 10, 50: skipped: sequential runs at most 1 job(s) at a time');
    expect(svg).toContain('100 jobs per batch · 5.00 ms added latency · 16.0 KiB bodies');
  });

  it('escapes hostile strategy names, reasons and targets', async () => {
    const report = makeReport(
      [
        completed('<script>alert("1")</script>', 1, 500),
        completed('<script>alert("1")</script>', 4, 150),
        skipped('b&c', 4, 'needs "R&D" <now>'),
      ],
      { target: 'http://127.0.0.1/?a=1&b=<script>' },
    );
    const svg = await renderSweepSvg(report);
    assertWellFormedXml(svg);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('>&lt;script&gt;alert("1")');
    expect(svg).toContain('strategy: &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;"');
    expect(svg).toContain('b&amp;c at W = 4: skipped: needs "R&amp;D" &lt;now&gt;');
  });

  it('draws the stored capacity estimate dotted when there is no added latency, never the fastest point', async () => {
    const runs = [completed('async', 1, 100), completed('async', 8, 20)];
    expect(await renderSweepSvg(makeReport(runs))).not.toContain('estimate_marks');
    const calibration = calibrated(10_000);
    const svg = await renderSweepSvg(makeReport(annotateRuns(runs, { jobLatenciesMs: null, calibration })));
    assertWellFormedXml(svg);
    // 100 jobs at the best round's 10,000 req/s: a flat 10 ms estimate at every W, and no latency floor.
    expect(pathsIn(svg, 'estimate_marks')).toBe(1);
    expect(svg).not.toContain('floor_marks');
    expect(svg).toContain('aria-label="W: 1; ms: 10"');
    expect(pathsIn(svg, 'runs_marks')).toBe(1);
  });

  it('renders a report where every point was skipped', async () => {
    const svg = await renderSweepSvg(makeReport([skipped('sequential', 10, 'one at a time')]));
    assertWellFormedXml(svg);
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('sequential at W = 10: skipped: one at a time');
    expect(svg).toContain('no completed run to plot');
  });

  it('renders a single point, where the scales have a one-value domain', async () => {
    const svg = await renderSweepSvg(makeReport([completed('sequential', 1, 600)]));
    assertWellFormedXml(svg);
    expect(pathsIn(svg, 'runs_marks')).toBe(1);
    expect(svg).not.toContain('NaN');
  });

  it('never touches the network', async () => {
    const fetch = vi.fn(() => Promise.reject(new Error('no network in tests')));
    vi.stubGlobal('fetch', fetch);
    await renderSweepSvg(sweepReport());
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('assertWellFormedXml', () => {
  it('rejects what broken escaping produces', () => {
    expect(() => assertWellFormedXml('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg><text>a < b</text></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg/><svg/>')).toThrow();
    expect(() => assertWellFormedXml('<svg a="1 &amp; 2"><g/></svg>')).not.toThrow();
  });
});
