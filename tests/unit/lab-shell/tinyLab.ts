/** A small lab exercising every parameter kind, for the shell's tests. */
import { defineLab } from '@/simulations/core/lab';
import type { ParamSchema } from '@/simulations/core/params';

const schema = {
  rate: { type: 'number', unit: '/s', min: 0.1, max: 100, default: 2, scale: 'log', description: 'ticks per second', group: 'Load' },
  burst: { type: 'number', min: 1, max: 20, default: 3, integer: true, description: 'ticks per burst', group: 'Load' },
  jitter: { type: 'number', unit: 'ms', min: 0, max: 1, default: 0.5, step: 0.05, description: 'jitter fraction' },
  mode: { type: 'enum', options: ['fifo', 'lifo'], optionLabels: { fifo: 'First in, first out' }, default: 'fifo', description: 'order' },
  noisy: { type: 'boolean', default: false, description: 'log extra noise events' },
  schedule: {
    type: 'json',
    default: [1, 2],
    description: 'an array of numbers',
    check: (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? null : 'expected an array of numbers'),
  },
  hidden: { type: 'number', min: 0, max: 10, default: 1, advanced: true, description: 'not in the panel' },
} satisfies ParamSchema;

export const tinyLab = defineLab({
  id: 'tiny',
  title: 'Tiny lab',
  summary: 'Ticks at random times.',
  topic: 'test',
  schema,
  presets: [
    { id: 'fast', title: 'Fast', story: 'Lots of ticks.', params: { rate: 20, jitter: 0.25 } },
    { id: 'seeded', title: 'Seeded', story: 'Own seed.', params: { mode: 'lifo' }, seed: 42 },
  ],
  horizonMs: () => 20_000,
  create(params, ctx) {
    const rng = ctx.rng.stream('ticks');
    const model = { ticks: 0 };
    const next = () => {
      ctx.scheduler.after(rng.exponential(params.rate) * 1000, () => {
        model.ticks++;
        ctx.recorder.log({ type: 'tick', n: model.ticks } as { type: string });
        if (params.noisy && model.ticks % params.burst === 0) ctx.recorder.log({ type: 'noise' });
        ctx.recorder.sample('ticks', model.ticks);
        next();
      });
    };
    next();
    return model;
  },
  result: (model) => ({ ticks: model.ticks }),
});
