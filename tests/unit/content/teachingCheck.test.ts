/**
 * The content check for the teaching components (Predict, Diagram, Estimate, Challenge, Objectives,
 * Recap, InterviewQuestion's framework and rubric) and the lesson bar function.
 */
import { describe, expect, it } from 'vitest';
import { checkLessonSource, formatIssue } from '../../../components/lesson/contentCheck';
import { labFacts } from '../../../components/lesson/labFacts';
import type { LabFacts } from '../../../components/lesson/types';

const labs: LabFacts[] = [
  { id: 'queue', presets: ['near-saturation', 'bounded-queue-drops'], params: ['arrivalRate'], resultFields: ['meanTimeInSystem', 'dropRate', 'littlesLaw.L'] },
  { id: 'kafka', presets: ['acks-1'], resultFields: ['lostAcked'] },
];

const frontmatter = `---
title: Queueing basics
summary: Why latency explodes near full utilisation.
topic: Queueing
order: 1
references:
  - title: Little
    url: https://doi.org/10.1287/opre.9.3.383
    source: Operations Research
labs:
  - queue
---
`;

const embed = '\n<Lab id="queue" preset="near-saturation" />\n';

function messages(body: string): string[] {
  return checkLessonSource(frontmatter + body, { file: 'content/t.mdx', labs }).issues.map(formatIssue);
}

const predict = (props: string, children = 'Because W = S/(1 − ρ).') => `\n<Predict id="p1" lab="queue" preset="near-saturation" question="What W?" ${props}>\n${children}\n</Predict>\n`;

describe('Predict in the content check', () => {
  it('accepts a number prediction of a result field before its embed', () => {
    expect(messages(predict('field="meanTimeInSystem" unit="s" tolerance={0.3}') + embed)).toEqual([]);
  });

  it('accepts range choices and a nested field', () => {
    expect(messages(predict('field="littlesLaw.L" choices={[{ label: "few", below: 5 }, { label: "many" }]}') + embed)).toEqual([]);
  });

  it('rejects a field the lab result does not have, suggesting the closest', () => {
    expect(messages(predict('field="meanTimeInSystm"') + embed)).toEqual([expect.stringMatching(/"meanTimeInSystm" is not a field of lab "queue"'s result \(did you mean "meanTimeInSystem"\?\)/)]);
  });

  it('rejects a Predict with no matching embed in the lesson, and an unknown preset', () => {
    expect(messages(predict('field="dropRate"'))).toEqual([expect.stringMatching(/has no <Lab id="queue" preset="near-saturation"> in this lesson/)]);
    expect(messages(predict('field="dropRate"').replace('near-saturation', 'nope') + embed).join('\n')).toMatch(/has no such preset/);
  });

  it('rejects a lab missing from the frontmatter, bad choices, bad numbers and a missing explanation', () => {
    const kafka = '\n<Predict id="k" lab="kafka" preset="acks-1" field="lostAcked" question="How many?">\nx\n</Predict>\n<Lab id="kafka" preset="acks-1" />\n';
    expect(messages(kafka).join('\n')).toMatch(/uses lab "kafka", which is missing from the frontmatter "labs" list/);
    expect(messages(predict('field="dropRate" choices={[{ label: "a", below: 5 }, { label: "b", below: 3 }, { label: "c" }]}') + embed).join('\n')).toMatch(/choices\[1\]\.below must be larger/);
    expect(messages(predict('field="dropRate" choices={[{ label: "a", below: 5 }, { label: "b", below: 9 }]}') + embed).join('\n')).toMatch(/last range: leave out "below"/);
    expect(messages(predict('field="dropRate" scale={-1}') + embed).join('\n')).toMatch(/"scale" must be a positive number/);
    expect(messages(predict('field="dropRate"', '') + embed).join('\n')).toMatch(/needs the explanation/);
  });

  it('rejects duplicate Predict ids and a missing id', () => {
    expect(messages(predict('field="dropRate"') + predict('field="dropRate"') + embed).join('\n')).toMatch(/duplicate <Predict id="p1">/);
    expect(messages(predict('field="dropRate"').replace('id="p1" ', '') + embed).join('\n')).toMatch(/<Predict> needs id=/);
  });

  it('knows the real labs\' result fields from their own result documents', () => {
    const queue = labFacts().find((lab) => lab.id === 'queue')!;
    expect(queue.resultFields).toEqual(expect.arrayContaining(['meanTimeInSystem', 'dropRate', 'waitP99', 'littlesLaw.L', 'theory.W']));
    const kafka = labFacts().find((lab) => lab.id === 'kafka')!;
    expect(kafka.resultFields).toContain('lostAcked');
  });
});

describe('Estimate and ReferenceCard in the content check', () => {
  it('accepts a drill and a card; rejects bad steps and unknown card parts', () => {
    const drill = `\n<Estimate title="Pool" givens={[{ label: 'Peak', value: 3000, unit: 'req/s' }]} steps={[{ prompt: 'Queries/s?', answer: 6000, unit: 'queries/s', work: '3000 × 2' }]} />\n`;
    expect(messages(drill + '\n<ReferenceCard />\n<ReferenceCard show={["latency"]} />\n')).toEqual([]);
    expect(messages(drill.replace("unit: 'queries/s', ", '')).join('\n')).toMatch(/<Estimate> steps\[0\] needs a "unit"/);
    expect(messages('\n<ReferenceCard show={["latency", "gossip"]} />\n').join('\n')).toMatch(/must list some of "powers", "latency", "rules"/);
  });
});

import { lessonBarProblems } from '../../../components/lesson/lessonBar';
import fs from 'node:fs';

const rubric = `rubric={{ mid: ['Uses Little'], senior: ['Sizes the pool'], mistakes: ['Forgets units'] }}`;

describe('InterviewQuestion framework and rubric, Objectives and Recap', () => {
  it('stays compatible with the plain question and accepts a framework, a rubric and a kind', () => {
    expect(messages('\n<InterviewQuestion question="Why?">\nBecause.\n</InterviewQuestion>\n')).toEqual([]);
    const full = `\n<InterviewQuestion question="Design a queue" kind="design" framework={{ requirements: 'Who and how much', estimates: 'λ and W', design: 'Boxes' }} ${rubric}>\nAnswer.\n</InterviewQuestion>\n`;
    expect(messages(full)).toEqual([]);
  });

  it('names bad framework stages, rubric levels and kinds', () => {
    const bad = `\n<InterviewQuestion question="Q" kind="trivia" framework={{ requirements: 'x', vibes: 'y' }} rubric={{ junior: ['x'], mistakes: [] }}>\nA.\n</InterviewQuestion>\n`;
    const text = messages(bad).join('\n');
    expect(text).toMatch(/kind must be one of concept, design, estimate, debug/);
    expect(text).toMatch(/unknown stage "vibes"/);
    expect(text).toMatch(/at least three stages/);
    expect(text).toMatch(/rubric: unknown key "junior"/);
    expect(text).toMatch(/rubric\.mistakes must be a non-empty list/);
    expect(text).toMatch(/under at least one of mid, senior, staff/);
  });

  it('checks Objectives and Recap items', () => {
    expect(messages('\n<Objectives items={["Use L = λW", "Size a pool"]} />\n<Recap items={["a", "b"]} />\n')).toEqual([]);
    expect(messages('\n<Recap items={["only one"]} />\n').join('\n')).toMatch(/<Recap> items=\{\[…\]\} must be a list of at least two/);
  });
});

describe('the lesson bar (not yet wired into the build)', () => {
  const question = (kind: string) => `\n<InterviewQuestion question="Q ${kind}" kind="${kind}" ${rubric}>\nA.\n</InterviewQuestion>\n`;
  const diagram = `\n<Diagram title="D" nodes={[{ id: 'a', label: 'A', x: 0, y: 0 }]} />\n`;
  const estimate = `\n<Estimate title="E" steps={[{ prompt: 'Q?', answer: 1, unit: 'x', work: 'w' }]} />\n`;
  const quiz = `\n<Quiz id="q" questions={[{ prompt: 'P?', choices: ['a', 'b'], answer: 0, explanation: 'e' }]} />\n`;
  const bookends = '\n<Objectives items={["a", "b"]} />\n<Recap items={["a", "b"]} />\n';
  const complete = bookends + diagram + estimate + quiz + predict('field="dropRate"') + embed + ['design', 'estimate', 'concept', 'concept', 'debug'].map(question).join('');
  const bar = (body: string, readingList?: string[]) => lessonBarProblems(frontmatter + body, { file: 'content/t.mdx', labs, readingList }).map((p) => p.message);

  it('passes a lesson with every part', () => {
    expect(bar(complete, ['https://doi.org/10.1287/opre.9.3.383/'])).toEqual([]);
  });

  it('names each missing part', () => {
    const problems = bar('\n<Lab id="queue" preset="near-saturation" />\n' + question('concept').replace(rubric, ''), ['https://example.org/paper']);
    expect(problems).toEqual([
      expect.stringMatching(/no <Objectives/),
      expect.stringMatching(/no <Recap/),
      expect.stringMatching(/no <Diagram>/),
      expect.stringMatching(/no <Estimate>/),
      expect.stringMatching(/no <Quiz>/),
      expect.stringMatching(/<Lab id="queue" preset="near-saturation"> has no <Predict> before it/),
      'lesson bar: 1 interview question; at least 5',
      expect.stringMatching(/without a rubric/),
      expect.stringMatching(/no <InterviewQuestion kind="design">/),
      expect.stringMatching(/no <InterviewQuestion kind="estimate">/),
      "lesson bar: the reading list's https://example.org/paper is not among the references",
    ]);
  });

  it('measures the real queueing lesson (it has the new components; the interview questions come with the rollout)', () => {
    const source = fs.readFileSync('content/queueing-basics.mdx', 'utf8');
    const problems = lessonBarProblems(source, { file: 'content/queueing-basics.mdx', labs: labFacts() }).map((p) => p.message);
    expect(problems.filter((p) => /Objectives|Recap|Diagram|Estimate|Predict|Quiz/.test(p))).toEqual([]);
  });
});

describe('Challenge in the content check', () => {
  it('accepts a challenge on a result field and rejects unknown fields and bad operators', () => {
    const ok = `\n<Challenge id="c1" lab="queue" preset="near-saturation" goal="Tame it" check={{ field: 'meanTimeInSystem', op: '<', value: 0.5 }} />\n`;
    expect(messages(ok)).toEqual([]);
    expect(messages(ok.replace("'meanTimeInSystem'", "'meanTime'")).join('\n')).toMatch(/<Challenge> check: "meanTime" is not a field of the lab's result/);
    expect(messages(ok.replace("'<'", "'<<'")).join('\n')).toMatch(/check\.op must be one of/);
    expect(messages(ok.replace('goal="Tame it" ', '')).join('\n')).toMatch(/needs a "goal"/);
  });
});
