'use client';
import type { LiveLatencyFrame } from '@/simulations/live-latency';
import styles from '../LiveLatencyView.module.css';

/** The HLS media playlist and the DASH MPD the origin serves at this moment, with the validator's verdicts. */
export function Manifests({ frame }: { frame: LiveLatencyFrame }) {
  if (frame.hlsPlaylist === null && frame.dashMpd === null && frame.checks.length === 0) {
    return (
      <section className={styles.panel} data-testid="latency-manifests">
        <h3>Manifests</h3>
        <p className={styles.note}>WebRTC has no manifest: the peers exchange an SDP offer and answer once (WHIP/WHEP), then media flows as RTP.</p>
      </section>
    );
  }
  return (
    <section className={styles.panel} data-testid="latency-manifests" aria-label="Manifests at the current time">
      <h3>Manifests the origin serves now</h3>
      <ul className={styles.checks} data-testid="manifest-checks">
        {frame.checks.map((c) => (
          <li key={c.id} className={styles[c.status]} data-status={c.status}>
            {c.text}
          </li>
        ))}
      </ul>
      <div className={styles.manifests}>
        <div>
          <h4>HLS media playlist</h4>
          <pre className={styles.manifest} tabIndex={0} aria-label="HLS media playlist" data-testid="hls-playlist">
            {frame.hlsPlaylist ?? '(404: no complete segment yet)'}
          </pre>
        </div>
        <div>
          <h4>DASH MPD</h4>
          <pre className={styles.manifest} tabIndex={0} aria-label="DASH MPD" data-testid="dash-mpd">
            {frame.dashMpd ?? '(not yet: nothing published)'}
          </pre>
        </div>
      </div>
    </section>
  );
}
