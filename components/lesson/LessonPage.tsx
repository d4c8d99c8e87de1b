/**
 * SERVER ONLY: one lesson, compiled at build time. The MDX body renders to static HTML here; only
 * the interactive lesson components (quiz, interview question, lab embed) hydrate in the browser.
 */
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { compileLesson, lessonComponentsGlobal } from './compileLesson';
import { labSummaries } from './labFacts';
import { neighbours } from './lessonFiles';
import { mdxElements } from './mdxElements';
import { Predict } from './Predict';
import { Quiz } from './Quiz';
import { References } from './References';
import { lessonComponents } from './registry';
import { TableOfContents } from './TableOfContents';
import { LessonShortcuts } from './LessonShortcuts';
import { ReadTracker } from '../learning/ReadTracker';
import styles from './LessonPage.module.css';

export async function LessonPage({ slug }: { slug: string }) {
  const { meta, code, lessons } = await compileLesson(slug);
  const { frontmatter } = meta;
  const labsById = new Map(labSummaries().map((lab) => [lab.id, lab]));
  const labs = frontmatter.labs.flatMap((id) => labsById.get(id) ?? []);
  const { previous, next } = neighbours(lessons, slug);
  const referencesInBody = meta.components.includes('References');

  // Components that need to know which lesson they are in are bound here, per lesson.
  function LessonReferences() {
    return <References items={frontmatter.references} />;
  }
  function LessonQuiz(props: ComponentProps<typeof Quiz>) {
    return <Quiz {...props} lesson={slug} />;
  }
  function LessonPredict(props: ComponentProps<typeof Predict>) {
    return <Predict {...props} lesson={slug} />;
  }
  const Body = getMDXComponent(code, { [lessonComponentsGlobal]: { ...lessonComponents, References: LessonReferences, Quiz: LessonQuiz, Predict: LessonPredict } });

  const tocExtras = [
    ...(frontmatter.references.length > 0 ? [{ id: 'references', text: 'References' }] : []),
    ...(labs.length > 0 ? [{ id: 'lesson-labs', text: labs.length === 1 ? 'The lab' : 'The labs' }] : []),
  ];

  return (
    <div className={`page ${styles.layout}`}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>
          <span>{frontmatter.topic}</span>
          <span aria-hidden="true">·</span>
          <span>{meta.readingMinutes} min read</span>
          {labs.length > 0 && (
            <>
              <span aria-hidden="true">·</span>
              <span>
                {labs.length} {labs.length === 1 ? 'lab' : 'labs'}
              </span>
            </>
          )}
        </p>
        <h1 className={styles.title}>{frontmatter.title}</h1>
        <p className={styles.summary}>{frontmatter.summary}</p>
      </header>

      <TableOfContents headings={meta.headings} extra={tocExtras} />

      <div className={styles.main}>
        <div className={`prose ${styles.body}`} data-testid="lesson-body">
          <Body components={mdxElements} />
          {!referencesInBody && <References items={frontmatter.references} />}
          <ReadTracker slug={slug} />
        </div>

        {labs.length > 0 && (
          <section className={styles.labs} aria-labelledby="lesson-labs">
            <h2 id="lesson-labs" className={styles.sectionTitle}>
              {labs.length === 1 ? 'Open the lab full screen' : 'Open the labs full screen'}
            </h2>
            <ul className={styles.labList}>
              {labs.map((lab) => (
                <li key={lab.id} className={styles.labCard}>
                  <Link prefetch={false} href={`/labs/${lab.id}`} className={styles.labLink}>
                    {lab.title}
                  </Link>
                  <p>{lab.summary}</p>
                </li>
              ))}
            </ul>
          </section>
        )}

        {(previous || next) && (
          <nav className={styles.pager} aria-label={`More in ${frontmatter.topic}`}>
            {previous ? (
              <Link prefetch={false} href={`/lessons/${previous.slug}`} className={styles.pagerLink} rel="prev">
                <span className={styles.pagerLabel}>← Previous</span>
                <span>{previous.frontmatter.title}</span>
              </Link>
            ) : (
              <span />
            )}
            {next && (
              <Link prefetch={false} href={`/lessons/${next.slug}`} className={`${styles.pagerLink} ${styles.pagerNext}`} rel="next">
                <span className={styles.pagerLabel}>Next →</span>
                <span>{next.frontmatter.title}</span>
              </Link>
            )}
          </nav>
        )}
      </div>
      <LessonShortcuts />
    </div>
  );
}
