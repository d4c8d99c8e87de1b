'use client';
import { Suspense, use, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import { loadLab } from '@/components/labs/registry';
import { LabShell } from './LabShell';
import { LabPlaceholder } from './LabPlaceholder';
import { LabErrorBoundary } from './LabErrorBoundary';
import { runFromQuery } from './link';
import { ChallengePanel } from '@/components/lesson/ChallengePanel';
import { splitChallengeQuery } from '@/components/lesson/challengeModel';
import type { LabMeta } from './types';
import type { RunView } from '@/simulations/core/lab';

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
      <LabErrorBoundary fallback={(error) => <LabPlaceholder meta={meta} mode="page" message={`The lab could not be loaded: ${error.message}`} />}>
        <Suspense fallback={<LabPlaceholder meta={meta} mode="page" />}>
          <LabFromQuery meta={meta} back={back} />
        </Suspense>
      </LabErrorBoundary>
    </div>
  );
}

function LabFromQuery({ meta, back }: LabPageProps) {
  // read the query first: during static rendering this suspends to the placeholder
  // a challenge (?challenge=…) rides along the run's query: the run never sees it
  const { runQuery: query, challenge } = splitChallengeQuery(useSearchParams().toString());
  const { lab, View } = use(loadLab(meta.id));
  const decoded = useMemo(() => runFromQuery(lab, query), [lab, query]);
  const aside = useMemo(() => (challenge === null ? undefined : (run: RunView | null) => <ChallengePanel lab={lab} encoded={challenge} run={run} />), [lab, challenge]);
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
