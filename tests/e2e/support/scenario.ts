/**
 * The stress scenario shared by `bench/stress.ts` and `tests/e2e/stress.e2e.ts`: open a heavy run
 * through a link, play it at the top speed, seek (click and drag the time slider, End), step, edit a
 * parameter and play again, measuring the main thread (long tasks, frame gaps) per phase and the JS
 * heap (main + workers) over the whole scenario.
 */
import type { AnyLab } from '../../../simulations/core/lab';
import { COST_DRIVERS } from './heavy';
import { editedValue, HeapMonitor, LabDriver, launchStress, measured, measureWindow, pageNow, traced, within, type HeapPeak, type MainThreadTasks, type Window } from './perf';

export interface ScenarioOptions {
  /** wall ms of play at the top speed, before and after the edit */
  playMs: number;
  /** wall ms a seek may take before it is counted as not arrived (and stopped) */
  seekTimeoutMs: number;
  /** which seeks to make (default all three) */
  seeks?: ('click' | 'drag' | 'end')[];
}

export interface SeekOutcome {
  how: string;
  arrived: boolean;
  targetMs: number;
  reachedMs: number;
  ms: number;
}

export interface ScenarioResult {
  lab: string;
  name: string;
  query: string;
  /** the shell refused the link (fell back) and said why */
  linkErrors: string[];
  phases: Record<string, Window>;
  /** per phase, the page's main-thread tasks from a Chromium trace: wall and CPU (null: no trace) */
  cpu: Record<string, MainThreadTasks | null>;
  seeks: SeekOutcome[];
  heap: HeapPeak;
  failures: string[];
  /** the longest task while playing, seeking, stepping or editing (the page's first load excluded) */
  longestTaskMs: number;
  /** the same by thread CPU time (the lab's own work, whatever else the machine runs); NaN: no trace */
  longestCpuMs: number;
  edited: { key: string; value: unknown } | null;
  error: string | null;
}

export const INTERACTIVE_PHASES = ['play', 'seek', 'step', 'edit', 'play-after-edit'];

/** The parameter the scenario edits: the lab's first number cost driver. */
export function editFor(lab: AnyLab, params: Record<string, unknown>): { key: string; value: unknown } | null {
  for (const d of COST_DRIVERS[lab.id] ?? []) {
    const spec = lab.schema[d.key];
    if (spec?.type === 'number' && !spec.advanced) return { key: d.key, value: editedValue(spec, params[d.key]) };
  }
  return null;
}

/** One scenario in a browser of its own (a crashed or bloated renderer never spoils the next). */
export async function runScenario(
  baseURL: string,
  lab: AnyLab,
  name: string,
  query: string,
  params: Record<string, unknown>,
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const stress = await launchStress();
  const { guarded, driver } = await LabDriver.open(stress.session);
  const d = driver(lab.id);
  const heap = await HeapMonitor.attach(d.page);
  const phases: Record<string, Window> = {};
  const cpu: Record<string, MainThreadTasks | null> = {};
  const seeks: SeekOutcome[] = [];
  const edited = editFor(lab, params);
  let linkErrors: string[] = [];
  let error: string | null = null;
  const phase = async <T>(key: string, action: () => Promise<T>): Promise<T> => {
    const { value, tasks } = await traced(stress.browser, () => measured(d.page, action));
    phases[key] = value.window;
    cpu[key] = tasks;
    return value.value;
  };
  try {
    // the first load: navigation to a ready run (measured from the new document's start)
    cpu.load = (await traced(stress.browser, () => d.goto(baseURL, query))).tasks;
    phases.load = await measureWindow(d.page, 0, await pageNow(d.page));
    linkErrors = await d.linkErrors();
    await d.topSpeed();
    await phase('play', () => d.playFor(options.playMs));
    await phase('seek', async () => {
      const kinds = options.seeks ?? ['click', 'drag', 'end'];
      const all = [
        ['click', 'click at 50%', () => d.seekClick(0.5, options.seekTimeoutMs)],
        ['drag', 'drag 20% → 80%', () => d.seekDrag(0.2, 0.8, options.seekTimeoutMs)],
        ['end', 'End', () => d.seekEnd(options.seekTimeoutMs)],
      ] as const;
      for (const [kind, how, go] of all) {
        if (!kinds.includes(kind)) continue;
        const r = await go();
        seeks.push({ how, ...r });
        await d.stopSeek();
      }
    });
    // step from a fresh point in the middle of the run
    await d.seekClick(0.3, options.seekTimeoutMs);
    await d.stopSeek();
    await phase('step', () => d.step(5));
    if (edited) await phase('edit', () => d.edit(edited.key, edited.value));
    await d.topSpeed();
    await phase('play-after-edit', () => d.playFor(options.playMs));
  } catch (e) {
    error = (e as Error).message.split('\n')[0];
  }
  const failures = await d.failures().catch(() => [d.crashed ?? 'page gone']);
  const peak = await heap.stop();
  await within(stress.close(), 10_000, undefined);
  void guarded;
  const longestTaskMs = Math.max(0, ...INTERACTIVE_PHASES.filter((p) => phases[p]).map((p) => phases[p].longestTaskMs));
  const traces = INTERACTIVE_PHASES.filter((p) => phases[p]).map((p) => cpu[p]);
  const longestCpuMs = traces.every((t) => t) ? Math.max(0, ...traces.map((t) => t!.longestCpuMs)) : NaN;
  return { lab: lab.id, name, query, linkErrors, phases, cpu, seeks, heap: peak, failures, longestTaskMs, longestCpuMs, edited, error };
}

export interface PresetPlay {
  preset: string;
  window: Window | null;
  replays: number;
  failures: string[];
  error: string | null;
}

/**
 * Play every preset of a lab at the top speed for `ms` each (or what `msFor(i)` says, for a run that
 * keeps to a time budget), on one page; heap over all of them. A page or browser that goes away is
 * recorded against that preset and replaced, so one failure does not hide the other presets.
 */
export async function playPresets(baseURL: string, lab: AnyLab, ms: number | ((index: number) => number)): Promise<{ plays: PresetPlay[]; heap: HeapPeak }> {
  let stress = await launchStress();
  let d = (await LabDriver.open(stress.session)).driver(lab.id);
  let heap = await HeapMonitor.attach(d.page);
  const peaks: HeapPeak[] = [];
  const plays: PresetPlay[] = [];
  for (const [i, preset] of lab.presets.entries()) {
    const seen = d.guarded.problems.length;
    try {
      await d.goto(baseURL, `v=1&preset=${encodeURIComponent(preset.id)}`);
      await d.topSpeed();
      const { value: replays, window } = await measured(d.page, () => d.playFor(typeof ms === 'number' ? ms : ms(i)));
      plays.push({ preset: preset.id, window, replays, failures: (await d.failures()).slice(seen), error: null });
    } catch (e) {
      plays.push({ preset: preset.id, window: null, replays: 0, failures: (await d.failures().catch(() => [])).slice(seen), error: (e as Error).message.split('\n')[0] });
      // start over in a fresh browser for the next preset
      peaks.push(await heap.stop());
      await within(stress.close(), 10_000, undefined);
      stress = await launchStress();
      d = (await LabDriver.open(stress.session)).driver(lab.id);
      heap = await HeapMonitor.attach(d.page);
    }
  }
  peaks.push(await heap.stop());
  await within(stress.close(), 10_000, undefined);
  const peak = peaks.reduce((a, b) => ({
    mainBytes: Math.max(a.mainBytes, b.mainBytes),
    workerBytes: Math.max(a.workerBytes, b.workerBytes),
    totalBytes: Math.max(a.totalBytes, b.totalBytes),
    samples: a.samples + b.samples,
    workersSeen: a.workersSeen + b.workersSeen,
  }));
  return { plays, heap: peak };
}
