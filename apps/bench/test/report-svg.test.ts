import { afterEach, describe, expect, it, vi } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { renderSweepSvg } from '../src/report/svg.js';
import { completed, makeReport, skipped, sweepReport } from './report-fixture.js';

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/;

/**
 * A small XML well-formedness check, enough to catch what escaping bugs cause: every `<` opens a well-formed tag,
 * tags nest and close, every `&` starts an entity, and there is exactly one root element.
 */
function assertWellFormedXml(xml: string): void {
  const open: string[] = [];
  let roots = 0;
  let at = 0;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? undefined : next);
    if (ENTITY.test(text)) throw new Error(`bare & in text near ${JSON.stringify(text.slice(0, 60))}`);
    if (next === -1) break;
    TAG.lastIndex = next;
    const tag = TAG.exec(xml);
    if (!tag) throw new Error(`malformed tag at ${next}: ${JSON.stringify(xml.slice(next, next + 60))}`);
    const [whole, closing, name, attributes = '', selfClosing] = tag;
    if (ENTITY.test(attributes)) throw new Error(`bare & in attributes of <${name}>`);
    if (closing) {
      if (open.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      if (open.length === 0) roots += 1;
      if (!selfClosing) open.push(String(name));
    }
    at = next + whole.length;
  }
  if (open.length > 0) throw new Error(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

/** The `<path>` elements inside each mark group whose class ends with `className`. */
function pathsIn(svg: string, className: string): number {
  const groups = svg.split(`class="mark-line role-mark ${className}"`).slice(1);
  return groups.map((group) => group.slice(0, group.indexOf('</g>'))).filter((group) => group.includes('<path')).length;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('renderSweepSvg', () => {
  it('draws a standalone SVG with one line per strategy, the dashed ideal and the knees', async () => {
    const svg = await renderSweepSvg(sweepReport());
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    assertWellFormedXml(svg);
    expect(pathsIn(svg, 'runs_marks')).toBe(3);
    expect(pathsIn(svg, 'ideal_marks')).toBe(1);
    const ideal = svg.split('class="mark-line role-mark ideal_marks"')[1] ?? '';
    expect(ideal.slice(0, ideal.indexOf('</g>'))).toContain('stroke-dasharray="6,4"');
    expect(svg).toMatch(/<text[^>]*>ideal<\/text>/);
    // One knee: thread-pool at 10 (async still falls at the end of the grid; sequential has one point).
    const knees = svg.split('class="mark-symbol role-mark knees_marks"')[1] ?? '';
    expect(knees.slice(0, knees.indexOf('</g>')).match(/<path/g)).toHaveLength(1);
    expect(svg).toContain('skipped: sequential at W = 10, 50: sequential runs at most 1 job(s) at a time');
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
    expect(svg).toContain('skipped: b&amp;c at W = 4: needs "R&amp;D" &lt;now&gt;');
  });

  it('draws the stored capacity floor as the ideal when there is no added latency, never the fastest point', async () => {
    const runs = [completed('async', 1, 100), completed('async', 8, 20)];
    expect(await renderSweepSvg(makeReport(runs))).not.toContain('ideal_marks');
    const calibration = {
      capacityRps: { median: 10_000, min: 9000, max: 11_000 },
      connections: 64,
      rounds: 3,
      minLatencyMs: {},
      durationMs: 1500,
    };
    const svg = await renderSweepSvg(makeReport(annotateRuns(runs, { jobLatenciesMs: null, calibration })));
    assertWellFormedXml(svg);
    // 100 jobs at 10,000 req/s: a flat 10 ms floor at every W.
    expect(svg).toContain('ideal_marks');
    expect(svg).toContain('aria-label="W: 1; ms: 10"');
    expect(pathsIn(svg, 'runs_marks')).toBe(1);
  });

  it('renders a report where every point was skipped', async () => {
    const svg = await renderSweepSvg(makeReport([skipped('sequential', 10, 'one at a time')]));
    assertWellFormedXml(svg);
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('skipped: sequential at W = 10: one at a time');
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
    expect(() => assertWellFormedXml('<svg><text>a & b</text></svg>')).toThrow(/bare &/);
    expect(() => assertWellFormedXml('<svg><text>a < b</text></svg>')).toThrow(/malformed tag/);
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow(/wrong element/);
    expect(() => assertWellFormedXml('<svg/><svg/>')).toThrow(/2 root/);
    expect(() => assertWellFormedXml('<svg a="1 &amp; 2"><g/></svg>')).not.toThrow();
  });
});
