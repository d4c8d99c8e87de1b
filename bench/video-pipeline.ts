/**
 * Video pipeline lab: CPU time of whole runs (the default, every preset and the heaviest run the
 * budget allows: 27,000 encodes), and of the view's Gantt selector on that run (what the main
 * thread does a few times a second while it plays). A step back replays from t = 0 (no
 * checkpoints), so the run time is also the worst pause a learner sees.
 * Targets: the heaviest run under 1 s in Node; the Gantt selector under 10 ms.
 */
import { Runner } from '../simulations/core/runner';
import { defaults } from '../simulations/core/params';
import { paramProblems } from '../simulations/core/budget';
import { viewOf } from '../simulations/core/lab';
import { videoPipelineLab, type VideoPipelineParams } from '../simulations/video-pipeline';
import { ganttBars } from '../components/labs/video-pipeline/viewModel';

const RUN_TARGET_MS = 1000;
const GANTT_TARGET_MS = 10;

function cpuMs(f: () => void): number {
  const cpu0 = process.cpuUsage();
  f();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000;
}

function time(label: string, params: VideoPipelineParams): { ms: number; runner: Runner<typeof videoPipelineLab> } {
  const runner = new Runner(videoPipelineLab, params, 1);
  const ms = cpuMs(() => runner.runToEnd());
  const r = viewOf(videoPipelineLab, runner).result();
  console.log(`${label}: ${ms.toFixed(0)} ms CPU (${r.jobs.toLocaleString('en-US')} encodes on ${r.workers} workers, ${runner.recorder.events.length.toLocaleString('en-US')} events; first playable ${r.timeToFirstPlayableS?.toFixed(1)} s, full ladder ${r.timeToFullLadderS?.toFixed(1)} s)`);
  return { ms, runner };
}

export default async function bench(): Promise<void> {
  const base = defaults(videoPipelineLab.schema) as VideoPipelineParams;
  time('default', base);
  for (const p of videoPipelineLab.presets) time(`preset ${p.id}`, { ...base, ...p.params });
  const heavy: VideoPipelineParams = { ...base, durationMin: 180, chunkS: 4, ladder: 'fixed-2015', workers: 1000 };
  const problems = paramProblems(videoPipelineLab, heavy);
  if (problems.length) throw new Error(`the heaviest params are refused: ${problems.map((p) => p.message).join('; ')}`);
  const { ms, runner } = time('heaviest (3 h in 4 s chunks × 10 rungs on 1,000 workers)', heavy);
  const run = viewOf(videoPipelineLab, runner);
  let bars = 0;
  const gantt = Math.min(...[0, 1, 2, 3, 4].map(() => cpuMs(() => void (bars = ganttBars(run.recorder.events, run.frame(), run.now).length))));
  console.log(`Gantt selector on the heaviest run: ${gantt.toFixed(1)} ms CPU for ${bars.toLocaleString('en-US')} bars (best of 5)`);
  console.log(`heaviest run ${ms.toFixed(0)} ms (target under ${RUN_TARGET_MS} ms: ${ms < RUN_TARGET_MS ? 'MET' : 'NOT MET'}); Gantt ${gantt.toFixed(1)} ms (target under ${GANTT_TARGET_MS} ms: ${gantt < GANTT_TARGET_MS ? 'MET' : 'NOT MET'})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bench();
}
