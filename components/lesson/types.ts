/** Data shapes shared by the content check, the loaders and the lesson components. */

export interface LessonReference {
  title: string;
  /** Always http(s); the content check rejects anything else. */
  url: string;
  /** Publisher, venue or site, e.g. "Operations Research" or "Wikipedia". */
  source: string;
}

export interface LessonFrontmatter {
  title: string;
  summary: string;
  topic: string;
  order: number;
  references: LessonReference[];
  /** Ids of labs (simulations/registry.ts) this lesson uses. */
  labs: string[];
}

export interface LessonHeading {
  depth: number;
  text: string;
  id: string;
  line: number;
}

export interface QuizQuestion {
  prompt: string;
  choices: string[];
  /** Index into `choices`. */
  answer: number;
  explanation: string;
}

export interface KeyNumberRow {
  label: string;
  value: string | number;
  unit?: string;
  note?: string;
  /** Free text or an http(s) URL (rendered as a link). */
  source?: string;
}

/** What the content check needs to know about a lab. */
export interface LabFacts {
  id: string;
  presets: readonly string[];
  /** the lab's parameter keys (`<Lab params={[…]}>` must name only these); absent: not checked */
  params?: readonly string[];
  /** dotted paths of the lab's result document (Predict `field`, Challenge `check.field`); absent: not checked */
  resultFields?: readonly string[];
}
