'use client';
import { useState } from 'react';
import type { E2eeFrame, E2eeParams } from '@/simulations/e2ee';
import { safetyGroups, theftRows, theftSummary } from '../viewModel';
import styles from '../E2eeView.module.css';
import labView from '../../lab-view.module.css';

function SafetyNumber({ label, digits }: { label: string; digits: string }) {
  return (
    <div className={styles.safety}>
      <span>{label}</span>
      <code aria-label={`${label}: ${digits}`}>{safetyGroups(digits).join(' ')}</code>
    </div>
  );
}

/** The thief and the malicious server: controls (they change the run's params, so a link replays them) and what each got. */
export function AttackPanel({ frame, params, setParams }: { frame: E2eeFrame; params: E2eeParams; setParams?: (changes: Record<string, unknown>) => void }) {
  const [k, setK] = useState(() => params.compromiseAfter || Math.min(params.messages, Math.max(1, Math.round(params.messages / 2))));
  const rows = theftRows(frame.messages);
  const safety = frame.safety;
  return (
    <section className={styles.panel} aria-labelledby="e2ee-attacks" data-testid="attack-panel">
      <h3 id="e2ee-attacks" className={styles.panelTitle}>
        Attacks
      </h3>
      <div className={labView.faultButtons}>
        <label className={styles.inline}>
          Steal Bob’s phone after message{' '}
          <input type="number" min={1} max={params.messages} value={k} onChange={(e) => setK(Math.min(params.messages, Math.max(1, Math.round(Number(e.target.value) || 1))))} className={styles.number} />
        </label>
        <button type="button" className={labView.faultButton} disabled={!setParams} onClick={() => setParams?.({ compromiseAfter: k })} data-testid="steal">
          Steal
        </button>
        {params.compromiseAfter > 0 && (
          <button type="button" className={labView.faultButton} disabled={!setParams} onClick={() => setParams?.({ compromiseAfter: 0 })}>
            No theft
          </button>
        )}
        <button type="button" className={labView.faultButton} disabled={!setParams} aria-pressed={params.maliciousServer} onClick={() => setParams?.({ maliciousServer: !params.maliciousServer })} data-testid="malicious">
          {params.maliciousServer ? 'Honest server' : 'Malicious server: swap Bob’s keys'}
        </button>
      </div>

      {frame.theft ? (
        <>
          <p data-testid="theft-summary">{theftSummary(rows, frame.theft.afterMessage)}</p>
          <p className={styles.paneNote}>
            Each row is a real decryption attempt with the {frame.theft.secrets} secrets copied from the phone, over the ciphertexts the server relayed.
          </p>
          <table className={styles.keys} data-testid="theft-table">
            <caption>What the thief can read</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Direction</th>
                <th scope="col">Sent</th>
                <th scope="col">Thief</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.seq} className={r.outcome === 'read' ? styles.readRow : undefined}>
                  <td>{r.seq}</td>
                  <td>{r.direction}</td>
                  <td>{r.when} the theft</td>
                  <td>{r.outcome === 'read' ? 'READ' : 'cannot decrypt'}</td>
                  <td>{r.how}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : params.compromiseAfter > 0 ? (
        <p>The thief strikes after message {params.compromiseAfter}.</p>
      ) : null}

      {safety && (
        <div data-testid="safety-numbers" data-match={safety.match}>
          <p className={safety.match ? styles.good : styles.badText}>
            {safety.match ? 'Safety numbers match: each phone holds the other’s real identity key.' : 'Safety numbers DIFFER: a key was swapped. Comparing them in person (or scanning the QR code) catches the server.'}
          </p>
          <SafetyNumber label="On Alice’s phone" digits={safety.alice} />
          <SafetyNumber label="On Bob’s phone" digits={safety.bob} />
        </div>
      )}
      {frame.malicious.swapped && <p className={styles.badText}>The malicious server has decrypted {frame.malicious.read} message{frame.malicious.read === 1 ? '' : 's'}, and both phones noticed nothing.</p>}
    </section>
  );
}
