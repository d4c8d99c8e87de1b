/**
 * The ABR view's tournament worker: one job at a time; the view cancels by terminating it. Trace
 * sets are fetched from this origin's public/traces.
 */
import type { TournamentRequest } from './protocol';
import { runTournamentJob } from './runTournamentJob';

const scope = self as unknown as {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<TournamentRequest>) => void): void;
  location: Location;
};

async function fetchText(publicPath: string): Promise<string> {
  const response = await fetch(new URL(`/${publicPath}`, scope.location.origin));
  if (!response.ok) throw new Error(`HTTP ${response.status} for /${publicPath}`);
  return response.text();
}

scope.addEventListener('message', (e) => {
  if (e.data?.type === 'run') void runTournamentJob(e.data, { fetchText, now: () => performance.now(), post: (reply) => scope.postMessage(reply) });
});
