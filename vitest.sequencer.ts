import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order `pnpm test` starts its files in: the longest first, across every project. vitest's own sequencer runs
 * the projects one after another in name order (longest first only within a project), so the last projects'
 * 15–40 s conformance suites started two minutes in and ran on alone at the end (186 s, where the files' work on
 * 4 workers needs ~155). Starting the long files first lets the short ones fill the gaps at the end.
 *
 * Durations come from vitest's results cache (node_modules/.vite/vitest, written by every run); a file it has not
 * timed yet (a fresh clone, a new file) starts first, and among those the larger file first. A failed file also
 * starts first, as in vitest's own order. A class because vitest takes a sequencer as a class (`sequence.sequencer`).
 */
export class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const key = (file: TestSpecification) => `${file.project.name}:${relative(config.root, file.moduleId)}`;
    const facts = new Map(
      files.map((file) => {
        const result = cache.getFileTestResults(key(file));
        return [file, { result, size: cache.getFileStats(key(file))?.size ?? 0 }] as const;
      }),
    );
    return [...files].sort((a, b) => {
      const [x, y] = [facts.get(a), facts.get(b)];
      if (!x || !y) return 0;
      if (!x.result || !y.result) {
        if (!x.result !== !y.result) return x.result ? 1 : -1;
        return y.size - x.size;
      }
      if (x.result.failed !== y.result.failed) return x.result.failed ? -1 : 1;
      return y.result.duration - x.result.duration;
    });
  }
}
