/**
 * The tournament worker's job, without the Worker API (tests run it in Node): load the sets, build
 * the entrants, play every trace, report progress. Injected: how a set's text is fetched, the clock
 * that measures, and where replies go.
 */
import { builtInEntrants, installTraceSet, isTraceSetId, playTrace, tournamentSetup, tournamentTraces, type TraceScore } from '@/simulations/abr';
import { validate } from '@/simulations/core/params';
import { abrSchema } from '@/simulations/abr';
import { buildEntrant } from './entrants';
import type { TournamentReply, TournamentRequest } from './protocol';

export interface JobPorts {
  fetchText(publicPath: string): Promise<string>;
  now(): number;
  post(reply: TournamentReply): void;
}

/** Progress is posted at most this often (ms of work), and always at the end. */
const PROGRESS_EVERY_MS = 50;

export async function runTournamentJob(req: TournamentRequest, ports: JobPorts): Promise<void> {
  const { runId } = req;
  const disposable: { dispose(): void }[] = [];
  try {
    const checked = validate(abrSchema, req.params);
    if (checked.errors.length > 0) throw new Error(checked.errors.map((e) => e.message).join('; '));
    const params = checked.params;
    const t0 = ports.now();
    for (const set of req.sets) {
      if (!isTraceSetId(set)) throw new Error(`unknown trace set ${JSON.stringify(set)}`);
      installTraceSet(set, await ports.fetchText(`traces/${set}.traces`));
    }
    const traces = req.sets.flatMap((set) => tournamentTraces(set));
    const extras = await Promise.all(req.extras.map((spec) => buildEntrant(spec, params, req.seed)));
    for (const e of extras) if (typeof (e as Partial<typeof disposable[number]>).dispose === 'function') disposable.push(e as unknown as typeof disposable[number]);
    const entrants = [...builtInEntrants(params), ...extras];
    if (new Set(entrants.map((e) => e.id)).size !== entrants.length) throw new Error('two entrants share an id');
    const setup = tournamentSetup(params, req.seed);
    const t1 = ports.now();
    const scores: TraceScore[] = [];
    // loaded: from here on the view's watchdog expects progress while traces play (a learner's entrant may hang)
    ports.post({ type: 'progress', runId, done: 0, total: traces.length });
    let lastPost = t1;
    traces.forEach((trace, i) => {
      try {
        scores.push(...playTrace(setup, entrants, trace));
      } catch (e) {
        // a learner's entrant failed (a SandboxError names its file:line:col): say on which trace
        throw new Error(`on trace ${trace.id}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
      const now = ports.now();
      if (now - lastPost >= PROGRESS_EVERY_MS) {
        lastPost = now;
        ports.post({ type: 'progress', runId, done: i + 1, total: traces.length });
      }
    });
    const t2 = ports.now();
    ports.post({ type: 'progress', runId, done: traces.length, total: traces.length });
    ports.post({ type: 'done', runId, entrants: entrants.map((e) => ({ id: e.id, label: e.label })), scores, simulateMs: t2 - t1, loadMs: t1 - t0 });
  } catch (e) {
    ports.post({ type: 'error', runId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    for (const d of disposable) d.dispose();
  }
}
