import type { Preset } from '../../core/lab';
import type { QueueParams } from './schema';

export const queuePresets: Preset<QueueParams>[] = [
  {
    id: 'light-load',
    title: 'Light load (ρ = 0.5)',
    story: 'One server busy half the time: most customers walk straight in, and the mean time in the system is only twice the service time (0.2 s).',
    params: { arrivalRate: 5, serviceRate: 10, servers: 1, capacity: 0, durationS: 300 },
  },
  {
    id: 'near-saturation',
    title: 'Near saturation (ρ = 0.95)',
    story:
      'The same server at 95% busy: long calm stretches, then bursts build queues that take minutes to drain. Theory says 20× the service time in the system (W = 2 s) and p99 waits of ~9 s, yet a 20-minute run measures anywhere from about 1 to 3 s: this close to saturation even long averages wobble. Try a few seeds.',
    params: { arrivalRate: 9.5, serviceRate: 10, servers: 1, capacity: 0, durationS: 1200, warmupS: 60 },
  },
  {
    id: 'two-servers-vs-one-fast',
    title: 'Two servers, one queue (M/M/2)',
    story: 'λ = 1.6/s shared by two servers of μ = 1/s (ρ = 0.8): W ≈ 2.78 s. Compare with "One fast server": the same capacity in one server of μ = 2/s gives W = 2.5 s.',
    params: { arrivalRate: 1.6, serviceRate: 1, servers: 2, capacity: 0, durationS: 3600, warmupS: 60 },
  },
  {
    id: 'one-fast-server',
    title: 'One fast server (M/M/1 at 2μ)',
    story: 'The same load and total capacity as "Two servers, one queue" in a single server of μ = 2/s: customers queue a little longer (Wq = 2 s) but are served twice as fast, so W = 2.5 s.',
    params: { arrivalRate: 1.6, serviceRate: 2, servers: 1, capacity: 0, durationS: 3600, warmupS: 60 },
  },
  {
    id: 'bounded-queue-drops',
    title: 'Overload with a bounded queue (K = 10)',
    story: 'Arrivals at 120% of capacity, but at most 10 customers in the system: about 19% are dropped, and those served still finish in about 0.7 s instead of waiting forever.',
    params: { arrivalRate: 12, serviceRate: 10, servers: 1, capacity: 10, durationS: 600 },
  },
  {
    id: 'overload-unbounded',
    title: 'Overload, unbounded queue',
    story: 'The same 120% load with no bound: the queue grows by about 2 customers a second and every newcomer waits longer than the last. There is no steady state.',
    params: { arrivalRate: 12, serviceRate: 10, servers: 1, capacity: 0, durationS: 300 },
  },
];
