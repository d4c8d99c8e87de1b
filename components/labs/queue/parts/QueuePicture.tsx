'use client';
import { memo } from 'react';
import type { QueueFrame } from '@/simulations/queue';
import { pictureLabel } from '../viewModel';
import styles from '../QueueView.module.css';
import labView from '../../lab-view.module.css';

interface QueuePictureProps extends QueueFrame {
  /** waiting room size; 0 = unbounded */
  capacity: number;
}

const MAX_DRAWN = 24;
const CELL = 18;

/** The queue right now: waiting customers (left) and the servers, busy or idle (right). */
export const QueuePicture = memo(function QueuePicture({ servers, busy, waiting, capacity, drops }: QueuePictureProps) {
  const shownServers = Math.min(servers, 12);
  const slots = capacity > 0 ? Math.min(capacity, MAX_DRAWN) : Math.min(Math.max(waiting, 8), MAX_DRAWN);
  const drawnWaiting = Math.min(waiting, slots);
  const overflow = waiting - drawnWaiting;
  const queueWidth = slots * CELL;
  const serverX = queueWidth + 40;
  const width = serverX + 44;
  const height = Math.max(shownServers * (CELL + 6) + 10, CELL + 40);
  const midY = height / 2;
  const label = pictureLabel({ servers, busy, waiting, drops }, capacity);
  return (
    <figure className={labView.figure} data-testid="queue-picture" data-busy={busy} data-waiting={waiting}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={label} preserveAspectRatio="xMinYMid meet" style={{ maxWidth: width * 1.6 }}>
        {/* waiting room slots, the head of the line next to the servers */}
        {Array.from({ length: slots }, (_, i) => {
          const x = queueWidth - (i + 1) * CELL;
          const occupied = i < drawnWaiting;
          return (
            <rect
              key={i}
              x={x + 2}
              y={midY - CELL / 2 + 2}
              width={CELL - 4}
              height={CELL - 4}
              rx={3}
              className={occupied ? styles.customer : styles.slot}
            />
          );
        })}
        {overflow > 0 && (
          <text x={0} y={midY - CELL} className={styles.pictureText}>
            +{overflow} more
          </text>
        )}
        <line x1={queueWidth + 4} x2={serverX - 10} y1={midY} y2={midY} className={styles.arrow} />
        {Array.from({ length: shownServers }, (_, i) => {
          const y = midY + (i - (shownServers - 1) / 2) * (CELL + 6);
          const isBusy = i < busy;
          return (
            <g key={i} transform={`translate(${serverX},${y})`}>
              <circle r={CELL / 2} className={isBusy ? styles.serverBusy : styles.serverIdle} />
              {isBusy && <circle r={CELL / 4} className={styles.inService} />}
            </g>
          );
        })}
        {servers > shownServers && (
          <text x={serverX + CELL} y={height - 4} className={styles.pictureText}>
            ×{servers}
          </text>
        )}
      </svg>
      <figcaption className={styles.pictureCaption}>{label}</figcaption>
    </figure>
  );
});
