'use client';
import { lazy, Suspense, use, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { loadLab } from '@/components/labs/loaders';
import type { LabModule } from './types';
import type * as ShellExports from './LabShell';
import type * as LinkExports from './link';
import { LabPlaceholder } from './LabPlaceholder';
import { LabErrorBoundary } from './LabErrorBoundary';
import { splitChallengeQuery } from '@/components/lesson/challengeModel';
import type { LabMeta } from './types';
import type { RunView } from '@/simulations/core/lab';

// only a challenge link (?challenge=…) shows it: not part of a lab page's first load
const ChallengePanel = lazy(() => import('@/components/lesson/ChallengePanel').then((m) => ({ default: m.ChallengePanel })));

export interface LabPageProps {
  meta: LabMeta;
  /** a lesson that uses this lab */
  back?: { href: string; label: string };
}

/**
 * The full-screen lab at /labs/<id>. The query string (params, seed, t, preset) is read on the
 * client: the page itself is static, so the server renders the placeholder.
 */
export function LabPage({ meta, back }: LabPageProps) {
  return (
    <div className="page">
      <LabErrorBoundary fallback={(error) => <LabPlaceholder meta={meta} mode="page" back={back} message={`The lab could not be loaded: ${error.message}`} />}>
        <Suspense fallback={<LabPlaceholder meta={meta} mode="page" back={back} />}>
          <LabFromQuery meta={meta} back={back} />
        </Suspense>
      </LabErrorBoundary>
    </div>
  );
}

// The shell (XState, the controls) is not in the page's first-load JavaScript: it is fetched with
// the lab, in parallel, so the page hydrates sooner and evaluates it in a task of its own.
type ShellModule = typeof ShellExports;
type LinkModule = typeof LinkExports;
let shellModule: Promise<[ShellModule, LinkModule]> | null = null;
const loaded = new Map<string, Promise<[LabModule, [ShellModule, LinkModule]]>>();

/** The lab and the shell, loaded once per page (a stable promise, as React's use() needs). */
function loadLabAndShell(id: string): Promise<[LabModule, [ShellModule, LinkModule]]> {
  let p = loaded.get(id);
  if (!p) {
    shellModule ??= Promise.all([import('./LabShell'), import('./link')]);
    p = Promise.all([loadLab(id), shellModule]);
    // a failed chunk load may succeed on the next attempt (as loadLab does)
    p.catch(() => {
      loaded.delete(id);
      shellModule = null;
    });
    loaded.set(id, p);
  }
  return p;
}

function LabFromQuery({ meta, back }: LabPageProps) {
  // read the query first: during static rendering this suspends to the placeholder
  // a challenge (?challenge=…) rides along the run's query: the run never sees it
  const { runQuery: query, challenge } = splitChallengeQuery(useSearchParams().toString());
  const [{ lab, View }, [{ LabShell }, { runFromQuery }]] = use(loadLabAndShell(meta.id));
  const decoded = useMemo(() => runFromQuery(lab, query), [runFromQuery, lab, query]);
  const aside = useMemo(() => {
    if (challenge === null) return undefined;
    return (run: RunView | null) => (
      <Suspense fallback={null}>
        <ChallengePanel lab={lab} encoded={challenge} run={run} />
      </Suspense>
    );
  }, [lab, challenge]);
  return (
    <LabShell
      key={`${query}&${challenge ?? ''}`}
      aside={aside}
      lab={lab}
      View={View}
      initial={{ params: decoded.params, seed: decoded.seed, timeMs: decoded.timeMs, preset: decoded.preset }}
      errors={decoded.errors}
      mode="page"
      back={back}
    />
  );
}
