/**
 * `npm run check:content`: runs the lesson content check over content/*.mdx and exits 1 with one
 * line per problem (file:line:column: message). The lesson loader runs the same check during
 * `next build`.
 */
import { formatIssue } from '../components/lesson/contentCheck';
import { checkLessons, readLessonSources } from '../components/lesson/lessonFiles';

const sources = readLessonSources();
const { lessons, issues } = checkLessons(sources);

if (issues.length > 0) {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
  process.stderr.write(`\ncontent check FAILED: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${new Set(issues.map((i) => i.file)).size} of ${sources.length} lesson file(s)\n`);
  process.exit(1);
}

for (const lesson of lessons) {
  process.stdout.write(`ok  ${lesson.file}  (${lesson.frontmatter.topic}, ${lesson.readingMinutes} min, ${lesson.headings.length} headings, components: ${lesson.components.join(', ') || 'none'})\n`);
}
process.stdout.write(`content check passed: ${lessons.length} lesson(s)\n`);
