import type { Rendering } from '../output/publish.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { renderSweepSvg } from './svg.js';

/** The files drawn from report.json into the output folder, after it. */
export const REPORT_RENDERINGS: readonly Rendering[] = [
  { file: 'report.md', render: renderMarkdown },
  { file: 'sweep.svg', render: renderSweepSvg },
  { file: 'report.html', render: renderHtml },
];
