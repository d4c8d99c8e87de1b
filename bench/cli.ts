/**
 * CLI start-up and end to end, as separate processes (what a user or a script pays per call).
 * Baseline measured in the same run: the CLI through tsx (`tsx scripts/sim.ts`, what `npm run sim`
 * ran before the bundle). Candidates: the bundle (`node dist/sim.mjs`), the launcher that `npm run sim`
 * runs (`node scripts/sim-cli.mjs`: a staleness check, then the bundle), and `npm run sim --` itself.
 *
 * 1. Start-up: `--help` and `<lab> --help` for every lab (target < 100 ms for the bundle).
 * 2. Every lab's default run, `<lab> --json`.
 * 3. End to end: BB (bba) over the 142 reference traces in reference mode with --json. With
 *    SDLAB_PENSIEVE_BB=/path/to/bb.py (a Python 3 copy of upstream hongzimao/pensieve test/bb.py with
 *    fixed_env.py and load_trace.py next to it, pointed at ../shared/abr-reference; upstream code is not
 *    shipped here) the Python simulator is timed in the same run too (target: the bundle faster).
 *
 * Runs alternate between variants (round robin), so a busy machine slows them alike; each figure is a
 * median of wall time. CPU time (user + system, children included) is the mean from /proc/self/stat,
 * which a shared machine disturbs less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE, ROOT, ensureCli } from '../scripts/cli-bundle.mjs';
import { labs } from '../simulations/registry';

const START_RUNS = Number(process.env.CLI_BENCH_RUNS ?? 10);
const RUN_RUNS = Math.max(3, Math.round(START_RUNS / 2));
const START_TARGET_MS = 100;
const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const REFERENCE_DIR = path.resolve(ROOT, 'public/traces');

interface Variant {
  name: string;
  cmd: string;
  args: string[];
  cwd?: string;
}

const variants = {
  tsx: (args: string[]): Variant => ({ name: 'tsx scripts/sim.ts', cmd: process.execPath, args: [TSX_CLI, 'scripts/sim.ts', ...args] }),
  bundle: (args: string[]): Variant => ({ name: 'node dist/sim.mjs', cmd: process.execPath, args: [BUNDLE, ...args] }),
  launcher: (args: string[]): Variant => ({ name: 'node scripts/sim-cli.mjs', cmd: process.execPath, args: ['scripts/sim-cli.mjs', ...args] }),
  npm: (args: string[]): Variant => ({ name: 'npm run sim --', cmd: 'npm', args: ['run', '--silent', 'sim', '--', ...args] }),
};

/** CPU seconds used by waited-for children so far (Linux; NaN elsewhere). */
function childrenCpuS(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Run each variant `runs` times, round robin, after one discarded warm-up each. */
function measure(list: Variant[], runs: number): Timing[] {
  const walls = list.map(() => [] as number[]);
  const cpus = list.map(() => 0);
  const once = (v: Variant) => {
    const c0 = childrenCpuS();
    const t0 = performance.now();
    const r = spawnSync(v.cmd, v.args, { cwd: v.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
    const wall = performance.now() - t0;
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`${v.name} ${v.args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`);
    return { wall, cpu: (childrenCpuS() - c0) * 1000 };
  };
  for (const v of list) once(v);
  for (let i = 0; i < runs; i++) {
    list.forEach((v, k) => {
      const { wall, cpu } = once(v);
      walls[k].push(wall);
      cpus[k] += cpu;
    });
  }
  return list.map((_, k) => ({ wallMs: median(walls[k]), cpuMs: cpus[k] / runs }));
}

const fmt = (t: Timing) => `${t.wallMs.toFixed(0)} ms (CPU ${Number.isNaN(t.cpuMs) ? '?' : t.cpuMs.toFixed(0)} ms)`;

const nodeFloor: Variant = { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] };

function startup(): void {
  const cases = [['--help'], ...labs.map((l) => [l.id, '--help'])];
  console.log(`cli start-up: median wall of ${START_RUNS} runs each (mean CPU), tsx baseline vs the bundle; "node" is \`node -e 0\` in the same rounds`);
  let worst = 0;
  let worstFloor = 0;
  for (const args of cases) {
    const [tsx, bundle, launcher, floor] = measure([variants.tsx(args), variants.bundle(args), variants.launcher(args), nodeFloor], START_RUNS);
    if (bundle.wallMs > worst) [worst, worstFloor] = [bundle.wallMs, floor.wallMs];
    console.log(
      `  sim ${args.join(' ').padEnd(14)} tsx ${fmt(tsx)}  bundle ${fmt(bundle)}  launcher ${fmt(launcher)}  node ${fmt(floor)}  bundle/tsx ${(bundle.wallMs / tsx.wallMs).toFixed(2)}x`,
    );
  }
  const [npm, bundle] = measure([variants.npm(['--help']), variants.bundle(['--help'])], START_RUNS);
  console.log(`  npm run sim -- --help ${fmt(npm)}: npm adds ${(npm.wallMs - bundle.wallMs).toFixed(0)} ms over node dist/sim.mjs`);
  console.log(
    `cli start-up worst case (bundle): ${worst.toFixed(0)} ms, of which node itself ${worstFloor.toFixed(0)} ms [target < ${START_TARGET_MS} ms: ${worst < START_TARGET_MS ? 'PASS' : 'FAIL'}${worst >= START_TARGET_MS && worstFloor > 0.6 * START_TARGET_MS ? '; the machine is busy: node alone needs ' + worstFloor.toFixed(0) + ' ms' : ''}]`,
  );
}

function defaultRuns(): void {
  console.log(`cli default runs (<lab> --json): median wall of ${RUN_RUNS} runs each (mean CPU)`);
  for (const lab of labs) {
    const args = [lab.id, '--json'];
    const [tsx, bundle] = measure([variants.tsx(args), variants.bundle(args)], RUN_RUNS);
    console.log(`  sim ${args.join(' ').padEnd(14)} tsx ${fmt(tsx)}  bundle ${fmt(bundle)}  bundle/tsx ${(bundle.wallMs / tsx.wallMs).toFixed(2)}x`);
  }
}

function endToEnd(): void {
  const video = path.join(REFERENCE_DIR, 'pensieve-video');
  const args = ['abr', '--trace-set', 'norway-3g', '--video', video, '--algorithm', 'bba', '--mode', 'reference', '--json'];
  const list = [variants.tsx(args), variants.bundle(args), variants.npm(args)];
  const bb = process.env.SDLAB_PENSIEVE_BB;
  const python = bb && existsSync(bb);
  if (python) list.push({ name: 'python3 bb.py', cmd: 'python3', args: [path.basename(bb)], cwd: path.dirname(path.resolve(bb)) });
  const [tsx, bundle, npm, py] = measure(list, RUN_RUNS);
  console.log(`cli end to end: BB over the 142 reference traces, reference mode, --json; median wall of ${RUN_RUNS} runs (mean CPU)`);
  console.log(`  tsx ${fmt(tsx)}  bundle ${fmt(bundle)}  npm run sim ${fmt(npm)}  bundle/tsx ${(bundle.wallMs / tsx.wallMs).toFixed(2)}x`);
  if (py) {
    console.log(`  python3 bb.py (upstream Pensieve, 143 sessions, logs to files) ${fmt(py)}`);
    console.log(
      `  speed vs Python (Python time / ours): tsx ${(py.wallMs / tsx.wallMs).toFixed(2)}x, bundle ${(py.wallMs / bundle.wallMs).toFixed(2)}x, npm run sim ${(py.wallMs / npm.wallMs).toFixed(2)}x [target bundle > 1: ${py.wallMs > bundle.wallMs ? 'PASS' : 'FAIL'}]`,
    );
  } else {
    console.log('  Python simulator not timed: set SDLAB_PENSIEVE_BB to a Python 3 copy of upstream test/bb.py (see the header of bench/cli.ts).');
    console.log('  Recorded before: tsx end to end ran at 0.55-0.63x the speed of the Python simulator (issue 11).');
  }
}

export default async function cliBench(): Promise<void> {
  const rebuilt = await ensureCli();
  if (rebuilt) console.log(`cli: rebuilt dist/sim.mjs first (${rebuilt})`);
  startup();
  defaultRuns();
  endToEnd();
}
