'use client';
import type { E2eeFrame } from '@/simulations/e2ee';
import { metadataSummary, serverRows } from '../viewModel';
import styles from '../E2eeView.module.css';

/** Everything the server sees, line by line: keys' public halves, ciphertext, sizes, times, routes. */
export function ServerPane({ frame }: { frame: E2eeFrame }) {
  const rows = serverRows(frame);
  return (
    <section className={`${styles.pane} ${styles.serverPane}`} aria-labelledby="e2ee-pane-server" data-testid="server-pane">
      <h3 id="e2ee-pane-server" className={styles.paneTitle}>
        Server: what it sees
      </h3>
      <p className={styles.paneNote} data-testid="server-metadata">
        {metadataSummary(frame)}
      </p>
      {rows.length === 0 ? (
        <p className={styles.empty}>Nothing yet.</p>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-label="Server log, newest first">
        <ol className={styles.serverLines} reversed>
          {[...rows].reverse().map((r) => (
            <li key={r.key} className={r.alarm ? styles.alarm : undefined}>
              <span className={styles.serverHead}>
                <span className={styles.time}>{r.time}</span> <strong>{r.what}</strong> {r.route} {r.bytes && <span className={styles.bytes}>{r.bytes}</span>}
              </span>
              <span className={styles.serverMeta}>{r.meta}</span>
              {r.hex && <code className={styles.hex}>{r.hex}</code>}
            </li>
          ))}
        </ol>
        </div>
      )}
      {frame.serverLinesTotal > frame.server.length && <p className={styles.paneNote}>Showing the newest {frame.server.length} of {frame.serverLinesTotal} lines.</p>}
    </section>
  );
}
