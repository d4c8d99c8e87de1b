'use client';
import { useRef } from 'react';
import { useElementWidth } from '@/components/charts/useElementWidth';
import type { MessageView } from '@/simulations/e2ee';
import { stripLabel, stripMarks } from '../viewModel';
import styles from '../E2eeView.module.css';

const HEIGHT = 118;
const ALICE_Y = 30;
const BOB_Y = 92;
const LEFT = 48;
const RIGHT = 12;

/** The conversation as arrows between two lanes: DH ratchet steps, lost and late messages, the theft and what the thief read. */
export function RatchetStrip({ messages, total, theftAfter }: { messages: readonly MessageView[]; total: number; theftAfter: number | null }) {
  const ref = useRef<HTMLElement>(null);
  // drawn at the measured width, so labels and marks keep their size on a phone
  const WIDTH = Math.max(200, useElementWidth(ref, 720) - 16);
  const step = (WIDTH - LEFT - RIGHT) / Math.max(1, total);
  const x = (seq: number) => LEFT + (seq - 0.5) * step;
  const marks = stripMarks(messages);
  return (
    <figure ref={ref} className={styles.strip} data-testid="ratchet-strip">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={stripLabel(messages, total, theftAfter)}>
        <text x={4} y={ALICE_Y + 4} className={styles.laneLabel}>
          Alice
        </text>
        <text x={4} y={BOB_Y + 4} className={styles.laneLabel}>
          Bob
        </text>
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={ALICE_Y} y2={ALICE_Y} className={styles.lane} />
        <line x1={LEFT} x2={WIDTH - RIGHT} y1={BOB_Y} y2={BOB_Y} className={styles.lane} />
        {theftAfter !== null && <line x1={LEFT + theftAfter * step} x2={LEFT + theftAfter * step} y1={8} y2={HEIGHT - 8} className={styles.theftLine} />}
        {marks.map((m) => {
          const [y1, y2] = m.fromAlice ? [ALICE_Y, BOB_Y] : [BOB_Y, ALICE_Y];
          const end = m.kind === 'lost' ? (y1 + y2) / 2 : y2;
          return (
            <g key={m.seq} className={styles[m.kind]}>
              <line x1={x(m.seq) - step * 0.25} y1={y1} x2={x(m.seq) + step * 0.25} y2={end} className={styles.arrow} strokeWidth={m.readByThief ? 5 : 2} />
              {m.kind === 'lost' && <text x={x(m.seq) + step * 0.25} y={end + 4} textAnchor="middle" className={styles.markText}>×</text>}
              {m.dhStep && <rect x={x(m.seq) + step * 0.25 - 4} y={y2 - 4} width={8} height={8} transform={`rotate(45 ${x(m.seq) + step * 0.25} ${y2})`} className={styles.dhMark} />}
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.paneNote}>Arrows are messages (green delivered, amber late, red lost or refused; thick: read by the thief). Diamonds: the receiver turned its DH ratchet. Red line: the theft.</figcaption>
    </figure>
  );
}
