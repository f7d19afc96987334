// Run from a fresh build (`npm run build`, `npm run bench`): writes the revision the build was compiled from into it,
// so a benchmark run from the build later names the code it runs, not whatever the checkout holds by then.
import { join } from 'node:path';
import { BUILD_INFO_FILE, writeBuildStamp } from './build-stamp.js';
import { CHILD_RUNTIME, checkoutRevision, REPO_ROOT } from './child-process.js';

if (CHILD_RUNTIME !== 'compiled') {
  process.stderr.write('stamp-build stamps a build: run it as node <build>/bench/stamp-build.js.\n');
  process.exit(2);
}
// Outside a git checkout (a container build has no .git), the revision the builder names, if any.
const revision = checkoutRevision() ?? (process.env.MDMSIM_REVISION || null);
writeBuildStamp(REPO_ROOT, revision);
process.stdout.write(`${join(REPO_ROOT, BUILD_INFO_FILE)}: compiled from ${revision ?? 'no git checkout'}\n`);
