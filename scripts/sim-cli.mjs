/**
 * `npm run sim -- <lab> ...`: run the prebuilt CLI (dist/sim.mjs), first rebuilding it when it is
 * missing or older than any file it was built from (a check of a few milliseconds; a rebuild takes
 * about 0.3 s and says so on stderr). Calling `node dist/sim.mjs ...` directly skips the check.
 */
import { pathToFileURL } from 'node:url';
import { BUNDLE, ensureCli } from './cli-bundle.mjs';

try {
  await ensureCli();
} catch (e) {
  process.stderr.write(`sim: cannot build ${BUNDLE}: ${e?.stack ?? String(e)}\n`);
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(BUNDLE).href);
await runCli(process.argv.slice(2));
