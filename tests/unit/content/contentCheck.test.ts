import { describe, expect, it } from 'vitest';
import { checkLessonSource, formatIssue } from '../../../components/lesson/contentCheck';
import type { LabFacts } from '../../../components/lesson/types';

const labs: LabFacts[] = [
  { id: 'queue', presets: ['light-load', 'near-saturation'], params: ['arrivalRate', 'serviceRate', 'servers'] },
  { id: 'kafka', presets: [] },
];

const goodFrontmatter = `---
title: Queueing basics
summary: Why latency explodes near full utilisation.
topic: Queueing
order: 1
references:
  - title: A proof for the queuing formula L = λW
    url: https://doi.org/10.1287/opre.9.3.383
    source: Operations Research
labs:
  - queue
---
`;

const goodBody = `
## Little's law

In steady state **L = λW**, as in the table below.

| ρ | W / S |
|---|---|
| 0.5 | 2 |

<Callout type="pitfall" title="Averages hide tails">Mean latency is not p99.</Callout>

<KeyNumbers caption="Blow-up" rows={[{ label: 'ρ = 0.9', value: 10, unit: '× service time', note: '1/(1−ρ)' }]} />

<Figure caption="A queue">Some drawing</Figure>

### Near saturation

<Lab id="queue" preset="near-saturation" />

<Quiz id="basics" questions={[{ prompt: 'What is L?', choices: ['λW', 'λ/W'], answer: 0, explanation: "Little's law." }]} />

<InterviewQuestion question="Size a pool" hints={['Use Little', 'Add headroom']}>
Multiply arrival rate by time held.
</InterviewQuestion>

<References />
`;

function check(source: string) {
  return checkLessonSource(source, { file: 'content/test.mdx', labs });
}

function messages(source: string) {
  return check(source).issues.map(formatIssue);
}

describe('lesson content check', () => {
  it('accepts a well-formed lesson and reports what the page needs', () => {
    const result = check(goodFrontmatter + goodBody);
    expect(result.issues).toEqual([]);
    expect(result.frontmatter?.title).toBe('Queueing basics');
    expect(result.headings.map((h) => [h.depth, h.id])).toEqual([
      [2, 'littles-law'],
      [3, 'near-saturation'],
    ]);
    expect(result.components).toEqual(['Callout', 'Figure', 'InterviewQuestion', 'KeyNumbers', 'Lab', 'Quiz', 'References']);
    expect(result.labEmbeds).toEqual([{ id: 'queue', preset: 'near-saturation', line: 30 }]);
    expect(result.wordCount).toBeGreaterThan(30);
  });

  it('rejects an unknown component with its line and a suggestion', () => {
    const lines = messages(`${goodFrontmatter}\nText.\n\n<Calout type="note">x</Calout>\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^content\/test\.mdx:16:1: unknown component <Calout> \(did you mean <Callout>\?\)/);
  });

  it('finds unknown components inside inline JSX and expressions too', () => {
    const lines = messages(`${goodFrontmatter}\nSee <Widget /> here.\n\n{<Gadget />}\n`);
    expect(lines.some((l) => /:14:5: unknown component <Widget>/.test(l))).toBe(true);
    expect(lines.some((l) => /:16:1: unknown component <Gadget>/.test(l))).toBe(true);
  });

  it('allows lower-case HTML tags', () => {
    expect(messages(`${goodFrontmatter}\nH<sub>2</sub>O and <abbr title="x">X</abbr>.\n`)).toEqual([]);
  });

  it('rejects imports: components come from the registry', () => {
    const lines = messages(`${goodFrontmatter}\nimport { Sim } from '../components/Sim'\n\nText.\n`);
    expect(lines[0]).toMatch(/:14:1: lessons must not import or export/);
  });

  it('rejects a Lab id that is not in the registry', () => {
    const lines = messages(goodFrontmatter + '\n<Lab id="queu" />\n');
    expect(lines).toEqual([expect.stringMatching(/:14:1: <Lab id="queu">: no lab with that id in simulations\/registry\.ts \(known: queue, kafka\)/)]);
  });

  it('rejects a preset the lab does not have', () => {
    const lines = messages(goodFrontmatter + '\n<Lab id="queue" preset="overload" />\n');
    expect(lines).toEqual([expect.stringMatching(/<Lab id="queue" preset="overload">: lab "queue" has no such preset \(presets: light-load, near-saturation\)/)]);
  });

  it('accepts a Lab params list naming the lab\'s parameters, and rejects unknown, repeated or non-literal names', () => {
    expect(messages(goodFrontmatter + '\n<Lab id="queue" preset="near-saturation" params={["arrivalRate", "servers"]} />\n')).toEqual([]);
    expect(messages(goodFrontmatter + '\n<Lab id="queue" params={["arrivalRate", "serverz"]} />\n')).toEqual([
      expect.stringMatching(/:14:1: <Lab id="queue" params=\{\[…\]\}>: "serverz" is not a parameter of lab "queue" \(parameters: arrivalRate, serviceRate, servers\)/),
    ]);
    expect(messages(goodFrontmatter + '\n<Lab id="queue" params={["servers", "servers"]} />\n')[0]).toMatch(/"servers" is listed twice/);
    expect(messages(goodFrontmatter + '\n<Lab id="queue" params="servers" />\n')[0]).toMatch(/must be a literal list of parameter names/);
    expect(messages(goodFrontmatter + '\n<Lab id="queue" params={[]} />\n')[0]).toMatch(/must be a non-empty list/);
    expect(messages(goodFrontmatter + '\n<Lab id="queue" params={someList} />\n')[0]).toMatch(/must be a literal list/);
  });

  it('rejects a Lab id given as an expression, and an embedded lab missing from frontmatter labs', () => {
    expect(messages(goodFrontmatter + '\n<Lab id={"queue"} />\n')).toEqual([]);
    expect(messages(goodFrontmatter + '\n<Lab id={someVariable} />\n')[0]).toMatch(/<Lab> needs id="…" as plain text/);
    expect(messages(goodFrontmatter + '\n<Lab id="kafka" />\n')[0]).toMatch(/"kafka" is missing from the frontmatter "labs" list/);
  });

  it('rejects a frontmatter lab id that does not exist, pointing at the labs line', () => {
    const source = goodFrontmatter.replace('  - queue', '  - queue\n  - raft');
    expect(messages(source)).toEqual([expect.stringMatching(/^content\/test\.mdx:10: frontmatter "labs" names "raft", which is not in simulations\/registry\.ts/)]);
  });

  it('rejects missing and mistyped frontmatter fields, naming the field and its line', () => {
    const source = goodFrontmatter.replace('order: 1', 'order: first').replace('summary: Why latency explodes near full utilisation.\n', '').replace('topic:', 'topik:');
    const lines = messages(source);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/missing required field "summary"/),
        expect.stringMatching(/:3: unknown frontmatter field "topik"/),
        expect.stringMatching(/missing required field "topic"/),
        expect.stringMatching(/:4: "order" must be a number, got "first"/),
      ]),
    );
    expect(check(source).frontmatter).toBeNull();
  });

  it('rejects a file without frontmatter and invalid YAML', () => {
    expect(messages('## Hello\n')[0]).toMatch(/^content\/test\.mdx:1: missing frontmatter/);
    expect(messages('---\ntitle: [unclosed\n---\n\nText\n')[0]).toMatch(/frontmatter is not valid YAML/);
  });

  it('rejects a reference without a URL, and a non-http URL', () => {
    const noUrl = goodFrontmatter.replace('    url: https://doi.org/10.1287/opre.9.3.383\n', '');
    expect(messages(noUrl)).toEqual([expect.stringMatching(/:6: references\[0\] \("A proof for the queuing formula L = λW"\) has no url/)]);
    const badUrl = goodFrontmatter.replace('https://doi.org/10.1287/opre.9.3.383', 'javascript:alert(1)');
    expect(messages(badUrl)[0]).toMatch(/url must be an http\(s\) URL/);
  });

  it('rejects duplicate heading ids, naming the first line', () => {
    const lines = messages(`${goodFrontmatter}\n## Little's law\n\nA.\n\n## Littles Law!\n\nB.\n`);
    expect(lines).toEqual([expect.stringMatching(/:18:1: duplicate heading id "littles-law" \("Littles Law!"; first used on line 14\)/)]);
  });

  it('rejects h1 in the body and ids the page reserves', () => {
    const lines = messages(`${goodFrontmatter}\n# Title again\n\n## References\n`);
    expect(lines[0]).toMatch(/:14:1: "# Title again": use ## and below/);
    expect(lines[1]).toMatch(/:16:1: heading "References" would get the id "references", which the lesson page reserves/);
  });

  it('validates component props: quiz answers, key-number rows, unknown props, callout kinds', () => {
    const body = `
<Quiz id="q" questions={[{ prompt: 'x', choices: ['a'], answer: 3, explanation: '' }]} />

<Quiz id="q" questions={makeQuestions()} />

<KeyNumbers rows={[{ label: 'x' }]} />

<Callout kind="note">x</Callout>

<Callout type="danger">x</Callout>

<InterviewQuestion question="Why?" />
`;
    const lines = messages(goodFrontmatter + body);
    expect(lines).toEqual([
      expect.stringMatching(/:14:1: <Quiz> questions\[0\]: "choices" must be a list of at least two/),
      expect.stringMatching(/:14:1: <Quiz> questions\[0\]: "answer" must be the index/),
      expect.stringMatching(/:14:1: <Quiz> questions\[0\]: needs an "explanation"/),
      expect.stringMatching(/:16:1: duplicate <Quiz id="q"> \(first on line 14\)/),
      expect.stringMatching(/:16:1: <Quiz> prop "questions" must be literal data .*makeQuestions\(\)/),
      expect.stringMatching(/:18:1: <KeyNumbers> rows\[0\]: needs a "value"/),
      expect.stringMatching(/:20:1: <Callout> has no prop "kind" \(allowed: type, title\)/),
      expect.stringMatching(/:22:1: <Callout type="danger">: type must be one of note, warning, pitfall, deep-dive/),
      expect.stringMatching(/:24:1: <InterviewQuestion> needs a model answer/),
    ]);
  });

  it('reports MDX syntax errors with a position instead of throwing', () => {
    const lines = messages(`${goodFrontmatter}\n<Callout>\n\nnever closed\n`);
    expect(lines[0]).toMatch(/^content\/test\.mdx:14:1: MDX syntax error: Expected a closing tag for `<Callout>`/);
  });
});
