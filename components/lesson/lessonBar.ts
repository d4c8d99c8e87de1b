/**
 * The teaching bar every lesson is meant to reach (issue 17): objectives, a recap, at least one
 * diagram, a prediction before every lab embed, at least one estimation drill, a quiz, at least five
 * interview questions with rubrics (one "design" end to end and one "estimate"), and every
 * reading-list link of the lesson's section among its references.
 *
 * The content check (lessonFiles.checkLessons, so `npm run check:content` and `next build`) runs it
 * on every lesson in content/, with the lesson's links from readingList.ts.
 */
import { checkLessonSource, type CheckContext, type ContentIssue } from './contentCheck';

export const MIN_INTERVIEW_QUESTIONS = 5;

export interface LessonBarContext extends CheckContext {
  /** the URLs the reading list gives for this lesson's section; each must be a reference */
  readingList?: readonly string[];
}

export function lessonBarProblems(source: string, context: LessonBarContext): ContentIssue[] {
  const analysis = checkLessonSource(source, context);
  const { file } = context;
  const problems: ContentIssue[] = [];
  const add = (message: string, line?: number) => problems.push({ file, line, message });
  const uses = (name: string) => analysis.uses.filter((u) => u.name === name);

  if (uses('Objectives').length === 0) add('lesson bar: no <Objectives items={[…]} /> (what the learner will be able to do, at the top)');
  if (uses('Recap').length === 0) add('lesson bar: no <Recap items={[…]} /> (what to remember, at the end)');
  if (uses('Diagram').length === 0) add('lesson bar: no <Diagram> (at least one architecture diagram)');
  if (uses('Estimate').length === 0) add('lesson bar: no <Estimate> (at least one back-of-the-envelope drill)');
  if (uses('Quiz').length === 0) add('lesson bar: no <Quiz>');

  const predicts = uses('Predict');
  for (const embed of analysis.labEmbeds) {
    if (!predicts.some((p) => p.props.lab === embed.id && p.props.preset === embed.preset)) {
      add(`lesson bar: <Lab id="${embed.id}"${embed.preset ? ` preset="${embed.preset}"` : ''}> has no <Predict> before it (predict, then run)`, embed.line);
    }
  }

  const interviews = uses('InterviewQuestion');
  if (interviews.length < MIN_INTERVIEW_QUESTIONS) add(`lesson bar: ${interviews.length} interview question${interviews.length === 1 ? '' : 's'}; at least ${MIN_INTERVIEW_QUESTIONS}`);
  for (const q of interviews) if (q.props.rubric === undefined) add('lesson bar: <InterviewQuestion> without a rubric={{ mid, senior, staff, mistakes }}', q.line);
  if (!interviews.some((q) => q.props.kind === 'design')) add('lesson bar: no <InterviewQuestion kind="design"> (design the system end to end)');
  if (!interviews.some((q) => q.props.kind === 'estimate')) add('lesson bar: no <InterviewQuestion kind="estimate"> (one with a capacity estimate)');

  const referenced = new Set((analysis.frontmatter?.references ?? []).map((r) => normaliseUrl(r.url)));
  for (const url of context.readingList ?? []) {
    if (!referenced.has(normaliseUrl(url))) add(`lesson bar: the reading list's ${url} is not among the references`);
  }
  return problems;
}

function normaliseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/^http:/, 'https:');
}
