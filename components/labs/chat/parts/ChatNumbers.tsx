'use client';
import type { ChatResult } from '@/simulations/chat';
import { chatNumberRows } from '../viewModel';
import styles from '../ChatView.module.css';
import labView from '../../lab-view.module.css';

/** Key numbers of the run so far (recomputed a few times a second while playing). */
export function ChatNumbers({ result, atMs, heartbeatMs }: { result: ChatResult; atMs: number; heartbeatMs: number }) {
  const rows = chatNumberRows(result, atMs, heartbeatMs);
  return (
    <table className={labView.numbers} data-testid="chat-numbers">
      <caption>The run so far</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>
              {row.value}
              {row.note && <span className={styles.note}>{row.note}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
