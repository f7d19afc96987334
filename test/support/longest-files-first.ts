// Starts the suite's longest files first. On a fresh clone vitest has no cache of file durations and orders by file
// size, so the short Docker suite file (about six minutes of image builds and compose runs) would start last and run
// alone at the end while the other worker stood idle.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Measured on the 2-core CI machine (longest first): each well over half a minute. */
const LONGEST_FILES = [
  'test/docker/compose-suite.test.ts',
  'test/console/console.test.ts',
  'test/package/installed-package.test.ts',
  'test/bench/bench.test.ts',
  'test/runner/cli.test.ts',
  'test/bench/compiled-bench.test.ts',
];

export class LongestFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = LONGEST_FILES.indexOf(
        relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/'),
      );
      return index === -1 ? LONGEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's own order (failed first, then longest cached).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
