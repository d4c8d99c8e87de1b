/**
 * The lesson content check: one pure function from MDX source text to a list of problems (file, line,
 * message) plus what the pages need (frontmatter, headings, word count). Runs in `npm run
 * check:content`, in the unit tests, and inside the lesson loader so `next build` fails on bad content.
 */
import { createProcessor } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import matter from 'gray-matter';
import { calloutKinds, lessonComponentNames, referenceCardParts } from './componentNames';
import { estimateProblems } from './estimateModel';
import { frameworkProblems, interviewKinds, rubricProblems } from './interviewModel';
import { validateFrontmatter, frontmatterFields, isHttpUrl } from './frontmatter';
import { headingId, headingText, reservedHeadingIds } from './headingId';
import { countWords } from './readingTime';
import { challengeCheckProblems } from './challengeModel';
import { diagramProblems } from './diagramModel';
import { predictChoiceProblems } from './predictLogic';
import { jsxNamesIn, NotStaticError, staticValue } from './staticValue';
import type { LabFacts, LessonFrontmatter, LessonHeading } from './types';

export interface ContentIssue {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface LessonAnalysis {
  issues: ContentIssue[];
  /** null when the frontmatter has problems. */
  frontmatter: LessonFrontmatter | null;
  headings: LessonHeading[];
  /** Registered components the body uses, sorted. */
  components: string[];
  labEmbeds: { id: string; preset?: string; line?: number }[];
  /** every registered component used, in order, with its literal props (what the lesson bar counts) */
  uses: ComponentUse[];
  wordCount: number;
}

export interface ComponentUse {
  name: string;
  line?: number;
  /** props whose values are literal (text, numbers, data); computed ones are left out */
  props: Record<string, unknown>;
}

export interface CheckContext {
  file: string;
  labs: readonly LabFacts[];
  /** Defaults to the lesson component registry's names. */
  components?: readonly string[];
}

interface Position {
  start: { line: number; column: number };
}
interface MdNode {
  type: string;
  name?: string | null;
  value?: unknown;
  depth?: number;
  children?: MdNode[];
  attributes?: MdAttribute[];
  position?: Position;
  data?: { estree?: unknown };
}
interface MdAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  value?: string | null | { type: 'mdxJsxAttributeValueExpression'; value: string; data?: { estree?: unknown } };
  position?: Position;
}

type Prop =
  | { kind: 'missing' }
  | { kind: 'string'; value: string }
  | { kind: 'static'; value: unknown }
  | { kind: 'dynamic'; source: string };

/** Allowed props per component (children are always allowed). */
const allowedProps: Record<string, readonly string[]> = {
  Callout: ['type', 'title'],
  Figure: ['caption', 'src', 'alt', 'width', 'height'],
  KeyNumbers: ['caption', 'rows'],
  References: [],
  Quiz: ['id', 'title', 'questions'],
  InterviewQuestion: ['question', 'hints', 'kind', 'framework', 'rubric'],
  Objectives: ['items', 'title'],
  Challenge: ['id', 'lab', 'preset', 'goal', 'check'],
  Recap: ['items', 'title'],
  Lab: ['id', 'preset', 'height', 'params'],
  Estimate: ['title', 'givens', 'steps'],
  ReferenceCard: ['show'],
  Diagram: ['title', 'caption', 'nodes', 'edges', 'steps'],
  Predict: ['id', 'lab', 'preset', 'field', 'question', 'unit', 'scale', 'choices', 'tolerance'],
};

export function checkLessonSource(source: string, context: CheckContext): LessonAnalysis {
  const { file } = context;
  const known = context.components ?? lessonComponentNames;
  const issues: ContentIssue[] = [];
  const report = (message: string, position?: Position | { line: number; column?: number }) => {
    const start = position && 'start' in position ? position.start : position;
    issues.push({ file, line: start?.line, column: start?.column, message });
  };

  const split = splitFrontmatter(source);
  let frontmatter: LessonFrontmatter | null = null;
  let frontmatterLabIds: string[] = [];
  if (!split) {
    report(`missing frontmatter: start the file with a --- block holding ${frontmatterFields.join(', ')}`, { line: 1 });
  } else {
    let data: unknown = null;
    try {
      data = matter(source).data;
    } catch (error) {
      const mark = (error as { mark?: { line?: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? (error as Error).message;
      report(`frontmatter is not valid YAML: ${reason}`, { line: mark?.line !== undefined ? mark.line + 2 : 1 });
    }
    if (data !== null) {
      const result = validateFrontmatter(data);
      frontmatter = result.frontmatter;
      const labsField = (data as { labs?: unknown } | null)?.labs;
      if (Array.isArray(labsField)) frontmatterLabIds = labsField.filter((id): id is string => typeof id === 'string');
      for (const problem of result.problems) report(problem.message, { line: split.fieldLine(problem.field) });
    }
  }

  let tree: MdNode;
  try {
    const processor = createProcessor({ format: 'mdx', remarkPlugins: [remarkGfm] });
    tree = processor.parse(split ? split.body : source) as unknown as MdNode;
  } catch (error) {
    const e = error as { line?: number; column?: number; place?: Position | { line: number; column: number }; reason?: string; message: string };
    const place = e.place && 'start' in e.place ? e.place.start : e.place;
    // Some parser messages carry no line/place, only "(14:1-14:10)" at the end of the text.
    const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(e.reason ?? e.message);
    const line = e.line ?? place?.line ?? (inText ? Number(inText[1]) : undefined);
    const column = e.column ?? place?.column ?? (inText ? Number(inText[2]) : undefined);
    report(`MDX syntax error: ${e.reason ?? e.message}`, line ? { line, column } : undefined);
    return finish({ frontmatter, headings: [], components: [], labEmbeds: [], uses: [], wordCount: 0 });
  }

  const headings: LessonHeading[] = [];
  const used = new Set<string>();
  const labEmbeds: LessonAnalysis['labEmbeds'] = [];
  const uses: ComponentUse[] = [];
  const quizIds = new Map<string, number | undefined>();
  /** ids per component kind that keys saved progress (Quiz, Predict, …): unique within a lesson */
  const componentIds = new Map<string, Map<string, number | undefined>>();
  const predicts: { lab: string; preset?: string; at?: Position }[] = [];
  const labsById = new Map(context.labs.map((lab) => [lab.id, lab]));
  let words = 0;

  const checkName = (name: string, position?: Position) => {
    const root = name.split('.')[0];
    if (!/^[A-Z]/.test(root) && !name.includes('.')) return false;
    if (known.includes(name)) return true;
    const suggestion = closest(name, known);
    report(
      `unknown component <${name}>${suggestion ? ` (did you mean <${suggestion}>?)` : ''}: lessons may only use ${known.join(', ')} ` +
        '(registered in components/lesson/componentNames.ts)',
      position,
    );
    return false;
  };

  const visit = (node: MdNode) => {
    switch (node.type) {
      case 'mdxjsEsm':
        report('lessons must not import or export: registered components are available without an import', node.position);
        return;
      case 'text':
      case 'inlineCode':
      case 'code':
        words += countWords(String(node.value ?? ''));
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        for (const name of jsxNamesIn(node.data?.estree)) checkName(name, node.position);
        break;
      case 'heading': {
        const text = headingText(node).trim();
        const id = headingId(text);
        const line = node.position?.start.line ?? 0;
        if (node.depth === 1) report(`"# ${text}": use ## and below in lessons; the page title comes from the frontmatter`, node.position);
        if (!id) report(`heading "${text}" has no letters or digits to make an id from`, node.position);
        else if ((reservedHeadingIds as readonly string[]).includes(id)) {
          report(`heading "${text}" would get the id "${id}", which the lesson page reserves; rename it`, node.position);
        } else {
          const first = headings.find((h) => h.id === id);
          if (first) report(`duplicate heading id "${id}" ("${text}"; first used on line ${first.line}): rename one heading`, node.position);
        }
        headings.push({ depth: node.depth ?? 2, text, id, line });
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        if (node.name && checkName(node.name, node.position)) {
          used.add(node.name);
          words += checkComponent(node);
          uses.push({ name: node.name, line: node.position?.start.line, props: literalProps(node) });
        }
        for (const attribute of node.attributes ?? []) {
          const estree = typeof attribute.value === 'object' && attribute.value ? attribute.value.data?.estree : undefined;
          if (attribute.type === 'mdxJsxExpressionAttribute') for (const name of jsxNamesIn(attribute)) checkName(name, node.position);
          if (estree) for (const name of jsxNamesIn(estree)) checkName(name, node.position);
        }
        break;
      }
    }
    for (const child of node.children ?? []) visit(child);
  };

  /** Validates one registered component's props; returns the words its props add to reading time. */
  const checkComponent = (node: MdNode): number => {
    const name = node.name as string;
    const at = node.position;
    const tag = `<${name}>`;
    let propWords = 0;
    const allowed = allowedProps[name];
    for (const attribute of node.attributes ?? []) {
      if (attribute.type === 'mdxJsxExpressionAttribute') report(`${tag}: spread props ({...x}) are not allowed; write each prop`, at);
      else if (allowed && !allowed.includes(attribute.name ?? '')) {
        report(`${tag} has no prop "${attribute.name}" (allowed: ${allowed.length ? allowed.join(', ') : 'none'})`, at);
      }
    }
    const prop = (key: string): Prop => readProp(node, key);
    const text = (key: string, required: boolean): string | undefined => {
      const p = prop(key);
      if (p.kind === 'missing') {
        if (required) report(`${tag} needs a "${key}" prop (text)`, at);
        return undefined;
      }
      const value = p.kind === 'string' ? p.value : p.kind === 'static' ? p.value : undefined;
      if (typeof value !== 'string' || (required && value.trim() === '')) {
        report(`${tag} prop "${key}" must be ${required ? 'non-empty ' : ''}plain text`, at);
        return undefined;
      }
      propWords += countWords(value);
      return value;
    };
    const data = (key: string, required: boolean): unknown => {
      const p = prop(key);
      if (p.kind === 'missing') {
        if (required) report(`${tag} needs a "${key}" prop`, at);
        return undefined;
      }
      if (p.kind === 'dynamic') {
        report(`${tag} prop "${key}" must be literal data (arrays, objects, text, numbers), not computed: ${p.source}`, at);
        return undefined;
      }
      const value = p.value;
      propWords += countWords(collectStrings(value).join(' '));
      return value;
    };
    const hasChildren = (node.children ?? []).some((child) => child.type !== 'text' || String(child.value ?? '').trim() !== '');
    /** id="…" that keys saved progress: lower-case, dashes, unique per component in the lesson */
    const progressId = (): string | undefined => {
      const p = prop('id');
      if (p.kind !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(p.value)) {
        report(`${tag} needs id="…" (lower-case letters, digits, dashes): it keys the saved progress`, at);
        return undefined;
      }
      const seen = componentIds.get(name) ?? new Map<string, number | undefined>();
      componentIds.set(name, seen);
      if (seen.has(p.value)) report(`duplicate ${tag.slice(0, -1)} id="${p.value}"> (first on line ${seen.get(p.value)}): ids must be unique in a lesson`, at);
      else seen.set(p.value, at?.start.line);
      return p.value;
    };
    /** lab="…" preset="…" naming a lab of the frontmatter and one of its presets */
    const labAndPreset = (): { lab?: LabFacts; id?: string; preset?: string } => {
      const labProp = prop('lab');
      if (labProp.kind !== 'string') {
        report(`${tag} needs lab="…" as plain text (a lab id from simulations/registry.ts)`, at);
        return {};
      }
      const lab = labsById.get(labProp.value);
      const presetProp = prop('preset');
      let preset: string | undefined;
      if (presetProp.kind === 'string') preset = presetProp.value;
      else if (presetProp.kind !== 'missing') report(`${tag} preset="…" must be plain text`, at);
      if (!lab) {
        report(`${tag} lab="${labProp.value}": no lab with that id in simulations/registry.ts (known: ${listOrNone(context.labs.map((l) => l.id))})`, at);
        return { id: labProp.value, preset };
      }
      if (preset !== undefined && !lab.presets.includes(preset)) report(`${tag} lab="${lab.id}" preset="${preset}": lab "${lab.id}" has no such preset (presets: ${listOrNone(lab.presets)})`, at);
      if (frontmatter && !frontmatter.labs.includes(lab.id)) report(`${tag} uses lab "${lab.id}", which is missing from the frontmatter "labs" list`, at);
      return { lab, id: lab.id, preset };
    };
    /** a dotted path into the lab's result document */
    const resultField = (lab: LabFacts | undefined, field: unknown, what: string) => {
      if (typeof field !== 'string' || !field.trim()) {
        report(`${tag} ${what} must name a field of the lab's result document, e.g. "meanTimeInSystem"`, at);
        return;
      }
      if (lab?.resultFields && !lab.resultFields.includes(field)) {
        const suggestion = closest(field, lab.resultFields);
        report(
          `${tag} ${what} "${field}" is not a field of lab "${lab.id}"'s result${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (fields: ${listOrNone(lab.resultFields.slice(0, 40))}${lab.resultFields.length > 40 ? ', …' : ''})`,
          at,
        );
      }
    };
    const positive = (key: string, example: string) => {
      const value = data(key, false);
      if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) report(`${tag} prop "${key}" must be a positive number, e.g. ${key}={${example}}`, at);
      return typeof value === 'number' ? value : undefined;
    };

    switch (name) {
      case 'Challenge': {
        progressId();
        const { lab } = labAndPreset();
        text('goal', true);
        const check = data('check', true);
        if (check !== undefined) for (const problem of challengeCheckProblems(check, lab?.resultFields)) report(`<Challenge> ${problem}`, at);
        break;
      }
      case 'Objectives':
      case 'Recap': {
        text('title', false);
        const items = data('items', true);
        if (items !== undefined && (!Array.isArray(items) || items.length < 2 || items.some((item) => typeof item !== 'string' || !item.trim()))) {
          report(`${tag} items={[…]} must be a list of at least two non-empty texts`, at);
        }
        break;
      }
      case 'Estimate': {
        text('title', true);
        const steps = data('steps', true);
        if (steps !== undefined) for (const problem of estimateProblems(data('givens', false), steps)) report(`<Estimate> ${problem}`, at);
        break;
      }
      case 'ReferenceCard': {
        const show = data('show', false);
        if (show !== undefined && (!Array.isArray(show) || show.length === 0 || show.some((part) => !(referenceCardParts as readonly unknown[]).includes(part)))) {
          report(`<ReferenceCard show={[…]}> must list some of ${referenceCardParts.map((p) => `"${p}"`).join(', ')}`, at);
        }
        break;
      }
      case 'Diagram': {
        text('title', true);
        text('caption', false);
        const nodes = data('nodes', true);
        const edges = data('edges', false);
        const steps = data('steps', false);
        if (nodes !== undefined) for (const problem of diagramProblems(nodes, edges, steps)) report(`<Diagram> ${problem}`, at);
        break;
      }
      case 'Predict': {
        progressId();
        const { lab, id, preset } = labAndPreset();
        const field = prop('field');
        resultField(lab, field.kind === 'string' ? field.value : undefined, 'field');
        text('question', true);
        text('unit', false);
        positive('scale', '1000');
        const tolerance = positive('tolerance', '0.2');
        const choices = data('choices', false);
        if (choices !== undefined) {
          for (const problem of predictChoiceProblems(choices)) report(`<Predict> ${problem}`, at);
          if (tolerance !== undefined) report('<Predict> "tolerance" grades a typed number: leave it out when the learner picks from choices', at);
        }
        if (!hasChildren) report('<Predict> needs the explanation between its tags (shown with the measured value)', at);
        if (id) predicts.push({ lab: id, preset, at });
        break;
      }
      case 'Callout': {
        const kind = text('type', false);
        if (kind !== undefined && !(calloutKinds as readonly string[]).includes(kind)) {
          report(`<Callout type="${kind}">: type must be one of ${calloutKinds.join(', ')}`, at);
        }
        text('title', false);
        if (!hasChildren) report('<Callout> is empty: put its text between <Callout> and </Callout>', at);
        break;
      }
      case 'Figure': {
        text('caption', true);
        const src = text('src', false);
        if (src !== undefined) {
          if (!src.startsWith('/') && !isHttpUrl(src)) report(`<Figure src="${src}">: src must start with / (a file in public/) or be an http(s) URL`, at);
          text('alt', true);
        } else if (!hasChildren) {
          report('<Figure> needs either src (with alt) or children to show', at);
        }
        for (const key of ['width', 'height']) {
          const value = data(key, false);
          if (value !== undefined && !(typeof value === 'number' && value > 0)) report(`<Figure> prop "${key}" must be a positive number, e.g. ${key}={480}`, at);
        }
        break;
      }
      case 'KeyNumbers': {
        text('caption', false);
        const rows = data('rows', true);
        if (rows !== undefined) {
          if (!Array.isArray(rows) || rows.length === 0) report('<KeyNumbers rows={…}> must be a non-empty list of {label, value, unit?, note?, source?}', at);
          else rows.forEach((row, index) => keyNumberRowProblems(row).forEach((problem) => report(`<KeyNumbers> rows[${index}]: ${problem}`, at)));
        }
        break;
      }
      case 'References':
        if (frontmatter && frontmatter.references.length === 0) report('<References /> is used but the frontmatter lists no references', at);
        break;
      case 'Quiz': {
        const p = prop('id');
        if (p.kind !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(p.value)) {
          report('<Quiz> needs id="…" (lower-case letters, digits, dashes): it keys the saved progress', at);
        } else if (quizIds.has(p.value)) {
          report(`duplicate <Quiz id="${p.value}"> (first on line ${quizIds.get(p.value)}): quiz ids must be unique in a lesson`, at);
        } else {
          quizIds.set(p.value, at?.start.line);
        }
        text('title', false);
        const questions = data('questions', true);
        if (questions !== undefined) {
          if (!Array.isArray(questions) || questions.length === 0) report('<Quiz questions={…}> must be a non-empty list of {prompt, choices, answer, explanation}', at);
          else questions.forEach((q, index) => quizQuestionProblems(q).forEach((problem) => report(`<Quiz> questions[${index}]: ${problem}`, at)));
        }
        break;
      }
      case 'InterviewQuestion': {
        text('question', true);
        const hints = data('hints', false);
        if (hints !== undefined && (!Array.isArray(hints) || hints.some((h) => typeof h !== 'string' || h.trim() === ''))) {
          report('<InterviewQuestion hints={…}> must be a list of non-empty texts', at);
        }
        if (!hasChildren) report('<InterviewQuestion> needs a model answer between its opening and closing tags', at);
        const kind = text('kind', false);
        if (kind !== undefined && !(interviewKinds as readonly string[]).includes(kind)) report(`<InterviewQuestion kind="${kind}">: kind must be one of ${interviewKinds.join(', ')}`, at);
        const framework = data('framework', false);
        if (framework !== undefined) for (const problem of frameworkProblems(framework)) report(`<InterviewQuestion> ${problem}`, at);
        const rubric = data('rubric', false);
        if (rubric !== undefined) for (const problem of rubricProblems(rubric)) report(`<InterviewQuestion> ${problem}`, at);
        break;
      }
      case 'Lab': {
        const idProp = prop('id');
        if (idProp.kind !== 'string') {
          report('<Lab> needs id="…" as plain text (a lab id from simulations/registry.ts)', at);
          break;
        }
        const lab = labsById.get(idProp.value);
        const presetProp = prop('preset');
        let preset: string | undefined;
        if (presetProp.kind === 'string') preset = presetProp.value;
        else if (presetProp.kind !== 'missing') report('<Lab preset="…"> must be plain text', at);
        if (!lab) {
          report(`<Lab id="${idProp.value}">: no lab with that id in simulations/registry.ts (known: ${listOrNone(context.labs.map((l) => l.id))})`, at);
        } else if (preset !== undefined && !lab.presets.includes(preset)) {
          report(`<Lab id="${lab.id}" preset="${preset}">: lab "${lab.id}" has no such preset (presets: ${listOrNone(lab.presets)})`, at);
        }
        if (frontmatter && lab && !frontmatter.labs.includes(lab.id)) {
          report(`<Lab id="${lab.id}"> is embedded but "${lab.id}" is missing from the frontmatter "labs" list`, at);
        }
        const height = data('height', false);
        if (height !== undefined && !(typeof height === 'number' && height >= 200 && height <= 2000)) {
          report('<Lab height={…}> must be a number of pixels between 200 and 2000', at);
        }
        // params={["key", …]}: the fields the compact embed shows; names are read, not counted as prose
        const paramsProp = prop('params');
        if (paramsProp.kind === 'string' || paramsProp.kind === 'dynamic') {
          report('<Lab params={[…]}> must be a literal list of parameter names, e.g. params={["bba.reservoirS"]}', at);
        } else if (paramsProp.kind === 'static') {
          const keys = paramsProp.value;
          if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string')) {
            report('<Lab params={[…]}> must be a non-empty list of parameter names, e.g. params={["bba.reservoirS"]}', at);
          } else if (lab?.params) {
            const known = lab.params;
            for (const key of keys as string[]) {
              if (!known.includes(key)) report(`<Lab id="${lab.id}" params={[…]}>: "${key}" is not a parameter of lab "${lab.id}" (parameters: ${listOrNone(known)})`, at);
            }
            const seen = new Set<string>();
            for (const key of keys as string[]) {
              if (seen.has(key)) report(`<Lab id="${lab.id}" params={[…]}>: "${key}" is listed twice`, at);
              seen.add(key);
            }
          }
        }
        labEmbeds.push({ id: idProp.value, preset, line: at?.start.line });
        break;
      }
    }
    return propWords;
  };

  visit(tree);

  for (const predict of predicts) {
    if (!labEmbeds.some((embed) => embed.id === predict.lab && embed.preset === predict.preset)) {
      report(
        `<Predict lab="${predict.lab}"${predict.preset ? ` preset="${predict.preset}"` : ''}> has no <Lab id="${predict.lab}"${predict.preset ? ` preset="${predict.preset}"` : ''}> in this lesson: put it before the embed it predicts`,
        predict.at,
      );
    }
  }

  {
    for (const id of new Set(frontmatterLabIds)) {
      if (!labsById.has(id)) {
        report(`frontmatter "labs" names "${id}", which is not in simulations/registry.ts (known: ${listOrNone(context.labs.map((l) => l.id))})`, {
          line: split?.fieldLine('labs') ?? 1,
        });
      }
    }
  }

  return finish({ frontmatter, headings, components: [...used].sort(), labEmbeds, uses, wordCount: words });

  function finish(rest: Omit<LessonAnalysis, 'issues'>): LessonAnalysis {
    issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { issues, ...rest };
  }
}

export function formatIssue(issue: ContentIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}${issue.column ? `:${issue.column}` : ''}` : issue.file;
  return `${where}: ${issue.message}`;
}

/**
 * Replaces the frontmatter block by blank lines so MDX positions stay the file's line numbers.
 * Returns null when the file has no frontmatter block.
 */
function splitFrontmatter(source: string): { body: string; fieldLine(field: string): number } | null {
  const lines = source.split('\n');
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end === -1) return null;
  return {
    body: '\n'.repeat(end + 1) + lines.slice(end + 1).join('\n'),
    fieldLine(field) {
      const index = lines.slice(1, end).findIndex((line) => new RegExp(`^${escapeRegExp(field)}\\s*:`).test(line));
      return index === -1 ? 1 : index + 2;
    },
  };
}

function readProp(node: MdNode, key: string): Prop {
  const attribute = (node.attributes ?? []).find((a) => a.type === 'mdxJsxAttribute' && a.name === key);
  if (!attribute) return { kind: 'missing' };
  if (attribute.value === null || attribute.value === undefined) return { kind: 'static', value: true };
  if (typeof attribute.value === 'string') return { kind: 'string', value: attribute.value };
  const estree = attribute.value.data?.estree;
  if (!estree) return { kind: 'dynamic', source: attribute.value.value };
  try {
    const value = staticValue(estree as { type: string });
    return typeof value === 'string' ? { kind: 'string', value } : { kind: 'static', value };
  } catch (error) {
    if (error instanceof NotStaticError) return { kind: 'dynamic', source: attribute.value.value.trim().slice(0, 60) };
    throw error;
  }
}

function literalProps(node: MdNode): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) continue;
    const p = readProp(node, attribute.name);
    if (p.kind === 'string' || p.kind === 'static') props[attribute.name] = p.value;
  }
  return props;
}

function keyNumberRowProblems(row: unknown): string[] {
  if (!isRecord(row)) return ['each row must be {label, value, unit?, note?, source?}'];
  const problems: string[] = [];
  for (const key of Object.keys(row)) {
    if (!['label', 'value', 'unit', 'note', 'source'].includes(key)) problems.push(`unknown key "${key}" (allowed: label, value, unit, note, source)`);
  }
  if (typeof row.label !== 'string' || !row.label.trim()) problems.push('needs a "label" (text)');
  if (!(typeof row.value === 'string' && row.value.trim()) && !(typeof row.value === 'number' && Number.isFinite(row.value))) {
    problems.push('needs a "value" (number or text)');
  }
  for (const key of ['unit', 'note', 'source']) {
    if (row[key] !== undefined && typeof row[key] !== 'string') problems.push(`"${key}" must be text`);
  }
  return problems;
}

function quizQuestionProblems(question: unknown): string[] {
  if (!isRecord(question)) return ['each question must be {prompt, choices, answer, explanation}'];
  const problems: string[] = [];
  for (const key of Object.keys(question)) {
    if (!['prompt', 'choices', 'answer', 'explanation'].includes(key)) problems.push(`unknown key "${key}" (allowed: prompt, choices, answer, explanation)`);
  }
  if (typeof question.prompt !== 'string' || !question.prompt.trim()) problems.push('needs a "prompt" (text)');
  const choices = question.choices;
  const choiceCount = Array.isArray(choices) ? choices.length : 0;
  if (!Array.isArray(choices) || choices.length < 2 || choices.some((c) => typeof c !== 'string' || !c.trim())) {
    problems.push('"choices" must be a list of at least two non-empty texts');
  }
  if (typeof question.answer !== 'number' || !Number.isInteger(question.answer) || question.answer < 0 || question.answer >= Math.max(choiceCount, 1)) {
    problems.push(`"answer" must be the index (0-based) of the right choice, from 0 to ${Math.max(choiceCount - 1, 0)}`);
  }
  if (typeof question.explanation !== 'string' || !question.explanation.trim()) problems.push('needs an "explanation" (text shown after grading)');
  return problems;
}

function collectStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out));
  else if (isRecord(value)) Object.values(value).forEach((v) => collectStrings(v, out));
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function listOrNone(items: readonly string[]): string {
  return items.length ? items.join(', ') : 'none';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
