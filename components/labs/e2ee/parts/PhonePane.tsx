'use client';
import { bubbles, type Phone } from '../viewModel';
import type { MessageView } from '@/simulations/e2ee';
import styles from '../E2eeView.module.css';

const BUBBLES_SHOWN = 30;

const NAME: Record<Phone, string> = { alice: 'Alice’s phone', bob: 'Bob’s phone' };

/** One phone's screen: the words it sent and the words it decrypted (never anything it could not). */
export function PhonePane({ phone, messages, online, selected, onSelect }: { phone: Phone; messages: readonly MessageView[]; online: boolean; selected: number | null; onSelect(seq: number): void }) {
  const all = bubbles(messages, phone);
  // the newest BUBBLES_SHOWN: a long run stays cheap to draw at every frame
  const list = all.slice(-BUBBLES_SHOWN);
  const id = `e2ee-pane-${phone}`;
  return (
    <section className={styles.pane} aria-labelledby={id} data-testid={`${phone}-pane`}>
      <h3 id={id} className={styles.paneTitle}>
        {NAME[phone]} <span className={online ? styles.online : styles.offline}>{online ? 'online' : 'offline'}</span>
      </h3>
      {list.length === 0 ? (
        <p className={styles.empty}>No messages yet.</p>
      ) : (
        // LOUD: newest first in the DOM with column-reverse, so the list shows the newest message and scrolls up to older ones
        <ol className={styles.bubbles}>
          {[...list].reverse().map((b) => (
            <li key={b.seq} className={b.mine ? styles.mine : styles.theirs}>
              <button type="button" className={`${styles.bubble} ${styles[b.tone]} ${selected === b.seq ? styles.selected : ''}`} aria-pressed={selected === b.seq} onClick={() => onSelect(b.seq)}>
                <span className={styles.seq}>#{b.seq}</span>{' '}
                {b.text === null ? <em>(no text: it did not decrypt)</em> : <span data-testid="bubble-text">{b.text}</span>}
                <span className={styles.bubbleStatus}>{b.status}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {all.length > list.length && <p className={styles.paneNote}>Showing the newest {list.length} of {all.length} messages.</p>}
    </section>
  );
}
