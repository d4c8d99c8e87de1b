/** What the Discover Weekly lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const discoverWeeklyAbout = {
  id: 'discover-weekly',
  title: 'Train a tiny Discover Weekly',
  summary: 'Implicit-feedback ALS on a synthetic play matrix: watch the loss fall half-step by half-step, genres appear in the taste space, and the top-10 beat a popularity chart on held-out plays.',
  topic: 'Music streaming',
} as const;
