'use client';
import { useContext, useEffect, useRef, useState, type PointerEvent } from 'react';
import { useElementWidth } from '@/components/charts/useElementWidth';
import { prepareCanvas, readCssPalette } from '@/components/charts/canvas';
import { ChartTextScale } from '@/components/charts/textScale';
import { timelineLayout, drawTimeline, barAt, describeBar, DEFAULT_TIMELINE_PALETTE, TIMELINE_PALETTE_VARS, METHOD_SWATCH, type TimelinePalette } from './timelineDraw';
import type { Timeline } from '../viewModel';
import styles from '../UploadView.module.css';

const readPalette = (el: Element): TimelinePalette => readCssPalette(el, DEFAULT_TIMELINE_PALETTE, TIMELINE_PALETTE_VARS);

/**
 * Requests on a timeline, one swimlane per client (tus tabs, plain POST, GCS); outages and restarts
 * shaded. A canvas: the heaviest runs have thousands of requests and outages, and an SVG node per
 * bar made every live frame re-render all of them. Drawn after every render (at most once per
 * animation frame), in O(bars + bands) plain fill calls; bars and bands narrower than a pixel are
 * merged per pixel column (the note below says so). Hovering a bar names it.
 * `revision` (UploadLogFold.revision) says when the live `timeline` arrays changed.
 */
export function RequestTimeline({ timeline, revision, horizonMs, nowMs }: { timeline: Timeline; revision: number; horizonMs: number; nowMs: number }) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const textScale = useContext(ChartTextScale);
  const layout = timelineLayout(timeline.rows.length, width, horizonMs, textScale);
  const [merged, setMerged] = useState(false);
  const [hover, setHover] = useState<string | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width <= 0) return;
    const ctx = prepareCanvas(canvas, width, layout.height);
    if (!ctx) return;
    const drawn = drawTimeline(ctx, timeline, layout, nowMs, readPalette(canvas));
    setMerged(drawn.merged);
  }, [timeline, revision, layout, nowMs, width]);

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const bar = barAt(timeline, layout, nowMs, e.clientX - rect.left, e.clientY - rect.top);
    setHover(bar ? describeBar(bar) : null);
  };

  const cuts = timeline.bars.reduce((n, b) => n + (b.error !== null ? 1 : 0), 0);
  return (
    <figure className={styles.timeline} data-testid="upload-timeline" data-requests={timeline.bars.length} data-cuts={cuts} data-merged={merged}>
      <figcaption className={styles.caption}>
        <span className={styles.captionTitle}>Requests on a timeline</span>
        <span className={styles.legendRow} aria-hidden="true">
          {METHOD_SWATCH.map(([m, c]) => (
            <span key={m}>
              <span className={styles.swatch} style={{ background: c }} />
              {m}
            </span>
          ))}
          <span>
            <span className={styles.swatch} style={{ background: 'var(--danger)' }} />
            cut
          </span>
          <span>
            <span className={styles.swatch} style={{ background: 'var(--border)' }} />
            link down / server away
          </span>
        </span>
      </figcaption>
      <div ref={wrapRef} style={{ height: layout.height }}>
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={`Request timeline: ${timeline.bars.length} requests, ${cuts} cut by disconnects, ${timeline.bands.length} outages or restarts`}
          className={styles.timelineCanvas}
          style={{ width: '100%', height: layout.height }}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
        />
      </div>
      <p className={styles.note} data-testid="upload-timeline-note">
        {hover ?? (
          <>
            time (s) · bars are requests, labelled with their HTTP status; ✕ = the connection died mid-request
            {merged && ' · requests and outages shorter than a pixel are drawn merged (hover a bar for its details)'}
          </>
        )}
      </p>
    </figure>
  );
}
