'use client';
import { lazy, Suspense, use, useEffect, useMemo, useRef, useState } from 'react';
import { labEntry, loadLab } from '@/components/labs/registry';
import { LabPlaceholder } from './LabPlaceholder';
import { LabErrorBoundary } from './LabErrorBoundary';
import { runForPreset } from './link';
import { PLAY_TO_END_EVENT, PRESENTER_REQUEST_EVENT, type PlayToEndDetail } from './presenterRequest';
import type { LabMeta } from './types';
import styles from './LabEmbed.module.css';

export interface LabEmbedProps {
  /** lab id (simulations/registry.ts) */
  id: string;
  /** preset id of that lab */
  preset?: string;
  /** box height in px; the placeholder and the loaded lab both use it, so nothing jumps */
  height?: number;
  /**
   * The parameters this embed shows (schema keys, checked by the content check); absent: the ones
   * the preset sets. Every other parameter is in the full lab.
   */
  params?: readonly string[];
  /** what the placeholder shows (a server wrapper can pass it from simulations/registry.ts); defaults to the view registry's */
  meta?: LabMeta;
}

const DEFAULT_HEIGHT = 720;

// The shell (and XState with it) is fetched with the lab, not in the lesson's first-load JS.
const LabShell = lazy(() => import('./LabShell').then((m) => ({ default: m.LabShell })));

/**
 * A lab inside a lesson (`<Lab id="queue" preset="near-saturation" />`). Server-rendered as a
 * placeholder that already shows the title and the preset's story; the lab module is downloaded
 * when the box comes near the viewport.
 */
export function LabEmbed({ id, preset, height = DEFAULT_HEIGHT, params, meta }: LabEmbedProps) {
  const entry = labEntry(id);
  const shownMeta = meta ?? entry?.meta;
  const boxRef = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [presenterRequest, setPresenterRequest] = useState(0);
  const [endRequest, setEndRequest] = useState(0);
  const fullScreenHref = `/labs/${encodeURIComponent(id)}${preset ? `?preset=${encodeURIComponent(preset)}` : ''}`;

  useEffect(() => {
    const el = boxRef.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setNear(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      // early enough that the lab is ready before it is scrolled to
      { rootMargin: '800px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const onRequest = () => {
      setNear(true);
      setPresenterRequest((n) => n + 1);
    };
    el.addEventListener(PRESENTER_REQUEST_EVENT, onRequest);
    return () => el.removeEventListener(PRESENTER_REQUEST_EVENT, onRequest);
  }, []);

  useEffect(() => {
    const onRequest = (e: Event) => {
      const detail = (e as CustomEvent<PlayToEndDetail>).detail;
      if (detail?.lab !== id || (detail.preset ?? '') !== (preset ?? '')) return;
      setNear(true);
      setEndRequest((n) => n + 1);
    };
    window.addEventListener(PLAY_TO_END_EVENT, onRequest);
    return () => window.removeEventListener(PLAY_TO_END_EVENT, onRequest);
  }, [id, preset]);

  const placeholder = (message?: string) => (
    <LabPlaceholder meta={shownMeta} presetId={preset} mode="embed" fullScreenHref={entry ? fullScreenHref : undefined} message={message} />
  );

  return (
    <div ref={boxRef} className={styles.box} style={{ height }} data-testid="lab-embed" data-lab-id={id}>
      {!entry ? (
        placeholder(`There is no lab called "${id}".`)
      ) : !near ? (
        placeholder()
      ) : (
        <LabErrorBoundary fallback={(error) => placeholder(`The lab could not be loaded: ${error.message}`)}>
          <Suspense fallback={placeholder()}>
            <LoadedLab id={id} preset={preset} params={params} fullScreenHref={fullScreenHref} presenterRequest={presenterRequest} endRequest={endRequest} />
          </Suspense>
        </LabErrorBoundary>
      )}
    </div>
  );
}

function LoadedLab({ id, preset, params, fullScreenHref, presenterRequest, endRequest }: { id: string; preset?: string; params?: readonly string[]; fullScreenHref: string; presenterRequest: number; endRequest: number }) {
  const { lab, View } = use(loadLab(id));
  const { run, errors } = useMemo(() => runForPreset(lab, preset), [lab, preset]);
  return <LabShell lab={lab} View={View} initial={run} errors={errors} mode="embed" fullScreenHref={fullScreenHref} showParams={params} presenterRequest={presenterRequest} endRequest={endRequest} />;
}
