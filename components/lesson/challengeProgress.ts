/** What is remembered of a solved challenge (localStorage `sdl:challenge:<id>`). */
export interface SolvedChallenge {
  solved: true;
  /** the lab-page query of the run that solved it (params + seed), to open it again */
  query: string;
  goal: string;
  lab: string;
}

export function parseSolved(value: unknown): SolvedChallenge | null {
  const v = value as Partial<SolvedChallenge> | null;
  return v && v.solved === true && typeof v.query === 'string' && typeof v.goal === 'string' && typeof v.lab === 'string' ? { solved: true, query: v.query, goal: v.goal, lab: v.lab } : null;
}
