/**
 * The command line of a code-lab race (`kafka --partitioner-file`, `chat --backoff-file`): the usual
 * flags and params, then the learner's file raced against the lab's built-ins by a racer the CLI host
 * lends (scripts/sim.ts: the code lab's sandbox; simulations/ never imports it). A file that cannot be
 * read, does not compile or fails at run time is bad input: exit 2 with its file:line:col.
 */
import type { AnyLab, CliIO } from './lab';
import { CliUsageError, parseCliArgs, reportUsageError, resolveRunInput, type CliLab, type ResolveOptions } from './cli';

/** Races the learner's file; throws SandboxError / Error(cannot read) for bad input, RangeError over the work budget. */
export type CodeFileRacer<P, R> = (path: string, io: CliIO, params: P, seed: number, onProgress?: (entrant: string, fraction: number) => void) => Promise<R>;

export interface CodeRaceCliSpec<R> {
  flag: `--${string}`;
  /** "partitioner": in "your partitioner failed: …" */
  noun: string;
  /** the key of the racer in the CLI host's extras */
  racer: string;
  usage: string;
  errorPrefix?: string;
  normalize?: ResolveOptions['normalize'];
  json(race: R, seed: number): unknown;
  text(race: R, seed: number): string;
}

export function mentionsFlag(args: readonly string[], flag: string): boolean {
  return args.some((a) => a === flag || a.startsWith(`${flag}=`));
}

export async function runCodeRaceCli<P, R>(lab: AnyLab, args: string[], io: CliIO, extras: Readonly<Record<string, unknown>>, spec: CodeRaceCliSpec<R>): Promise<number> {
  try {
    const parsed = parseCliArgs(args, [{ name: spec.flag, value: true }]);
    if (parsed.help) {
      io.stdout(`${spec.usage}\n`);
      return 0;
    }
    const path = parsed.extra.get(spec.flag) as string;
    const race = extras[spec.racer] as CodeFileRacer<P, R> | undefined;
    if (typeof race !== 'function') throw new CliUsageError(`${spec.flag} needs the code lab's sandbox: run it through \`npm run sim\``);
    const { params, seed } = resolveRunInput<P>(lab as unknown as CliLab, parsed, io, { normalize: spec.normalize });
    let out: R;
    try {
      out = await race(path, io, params, seed, (name, f) => io.progress(f, `${lab.id} ${name}`));
    } catch (e) {
      // the learner's code failed (a SandboxError names its file, line and column): bad input, not a crash
      if (e instanceof Error && (e.name === 'SandboxError' || /: cannot read the .* file$/.test(e.message))) {
        io.stderr(`${lab.id}: your ${spec.noun} failed: ${e.message}\n`);
        return 2;
      }
      if (e instanceof RangeError) throw new CliUsageError(e.message);
      throw e;
    }
    io.progress(1, lab.id);
    io.stdout(parsed.json ? `${JSON.stringify(spec.json(out, seed))}\n` : spec.text(out, seed));
    return 0;
  } catch (e) {
    if (e instanceof CliUsageError) return reportUsageError(e, lab.id, io, spec.usage, spec.errorPrefix);
    throw e;
  }
}

/** A plain text table: a header row and rows of cells, columns padded to their widest cell. */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r.length === head.length ? r[i].length : 0))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [head, ...rows].map(line).join('\n');
}
