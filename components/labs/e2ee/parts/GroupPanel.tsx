'use client';
import type { E2eeFrame, E2eeParams } from '@/simulations/e2ee';
import { groupRows, groupSummary } from '../viewModel';
import styles from '../E2eeView.module.css';
import labView from '../../lab-view.module.css';

/** The group demo's cost per message, and the devices' sessions (each device is its own ratchet). */
export function GroupPanel({ frame, params, setParams }: { frame: E2eeFrame; params: E2eeParams; setParams?: (changes: Record<string, unknown>) => void }) {
  const g = frame.group;
  const other = params.groupMode === 'senderKeys' ? 'pairwise' : 'senderKeys';
  return (
    <section className={styles.panel} aria-labelledby="e2ee-group" data-testid="group-panel">
      <h3 id="e2ee-group" className={styles.panelTitle}>
        Groups and devices
      </h3>
      {params.groupMessages > 0 && (
        <div className={labView.faultButtons}>
          <button type="button" className={labView.faultButton} disabled={!setParams} onClick={() => setParams?.({ groupMode: other })}>
            Switch to {other === 'pairwise' ? 'pairwise fan-out' : 'Sender Keys'}
          </button>
        </div>
      )}
      {g ? (
        <>
          <p data-testid="group-summary">{groupSummary(g, params)}</p>
          <table className={styles.keys} data-testid="group-table">
            <caption>Group of {params.groupSize}, Alice sending</caption>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Encryptions</th>
                <th scope="col">Uploads</th>
                <th scope="col">Bytes up</th>
                <th scope="col">Read by</th>
              </tr>
            </thead>
            <tbody>
              {groupRows(g).map((r) => (
                <tr key={r.index}>
                  <td>{r.index}</td>
                  <td>{r.encryptions}</td>
                  <td>{r.uploads}</td>
                  <td>{r.bytes}</td>
                  <td>{r.readBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p className={styles.empty}>{params.groupMessages > 0 ? 'The group demo starts after the conversation.' : 'No group demo in this run (group messages = 0).'}</p>
      )}
      <table className={styles.keys} data-testid="device-table">
        <caption>Devices: one ratchet per pair of devices</caption>
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Sessions with</th>
            <th scope="col">One-time prekeys left at the server</th>
          </tr>
        </thead>
        <tbody>
          {frame.sessions.map((s, i) => (
            <tr key={s.device}>
              <td>{s.device}</td>
              <td>{s.peers.length ? s.peers.join(', ') : '—'}</td>
              <td>{frame.oneTimePrekeysLeft[i]?.left ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
