/** What the queue lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const queueAbout = {
  id: 'queue',
  title: 'Queueing basics: M/M/1 and M/M/c',
  summary: 'Random arrivals, c servers, one line: watch utilisation, queue length, waiting-time percentiles and drops, against the closed forms.',
  topic: 'Queueing',
} as const;
