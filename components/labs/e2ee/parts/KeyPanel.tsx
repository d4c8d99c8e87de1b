'use client';
import type { E2eeFrame, MessageView, SessionView } from '@/simulations/e2ee';
import styles from '../E2eeView.module.css';

function SessionTable({ title, s }: { title: string; s: SessionView | null }) {
  return (
    <table className={styles.keys}>
      <caption>{title}</caption>
      <tbody>
        {s === null ? (
          <tr>
            <td colSpan={2}>No session yet.</td>
          </tr>
        ) : (
          <>
            <tr>
              <th scope="row">X3DH ({s.role})</th>
              <td>
                {s.x3dhDh.map((d, i) => (
                  <code key={i}>
                    DH{i + 1} {d}{' '}
                  </code>
                ))}
                {s.usedOneTimePrekey ? '' : '(no one-time prekey)'}
              </td>
            </tr>
            <tr>
              <th scope="row">SK</th>
              <td>
                <code>{s.sharedKey}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Root key</th>
              <td>
                <code>{s.rootKey}</code>
              </td>
            </tr>
            <tr>
              <th scope="row">Sending chain</th>
              <td>
                <code>{s.sendChain ?? '—'}</code> ({s.sent} sent)
              </td>
            </tr>
            <tr>
              <th scope="row">Receiving chain</th>
              <td>
                <code>{s.receiveChain ?? '—'}</code> ({s.received} received)
              </td>
            </tr>
            <tr>
              <th scope="row">Own ratchet key</th>
              <td>
                <code>{s.ratchetKey}</code> (public half)
              </td>
            </tr>
            <tr>
              <th scope="row">Skipped keys stored</th>
              <td>{s.skippedKeys}</td>
            </tr>
            <tr>
              <th scope="row">Secrets on the phone</th>
              <td>{s.secretsStored} in this session</td>
            </tr>
          </>
        )}
      </tbody>
    </table>
  );
}

function Derivation({ m }: { m: MessageView }) {
  return (
    <div className={styles.derivation} data-testid="derivation">
      <p>
        <strong>Message {m.seq}</strong> ({m.speaker === 'alice' ? 'Alice → Bob' : 'Bob → Alice'}), {m.bytes} bytes on the wire for {m.bytes - 16 - 40 - (m.carriesX3dh ? 104 : 0)} bytes of text.
      </p>
      <p>
        Sending chain <code>{m.chainKeyBefore}</code> → HMAC(ck, 0x01) = message key <code>{m.messageKey}</code>; HMAC(ck, 0x02) = next chain key <code>{m.chainKeyAfter}</code>. Header: ratchet key <code>{m.ratchetKey}</code>, n = {m.n}, pn = {m.pn}
        {m.carriesX3dh ? ', plus the X3DH header (Bob has not replied yet)' : ''}.
      </p>
      <p>
        {m.dhStep ? 'A new ratchet key: the receiver turned its DH ratchet (new root key, new chains) before decrypting. ' : ''}
        {m.fromSkippedKey ? 'It arrived late and opened with a message key the receiver had stored when a later message arrived first.' : ''}
      </p>
    </div>
  );
}

/** The two ends' key states (truncated) and the derivation of the selected message. */
export function KeyPanel({ frame, selected }: { frame: E2eeFrame; selected: MessageView | null }) {
  const agree = frame.alice && frame.bob ? frame.alice.sharedKey === frame.bob.sharedKey : null;
  return (
    <section className={styles.panel} aria-labelledby="e2ee-keys" data-testid="key-panel">
      <h3 id="e2ee-keys" className={styles.panelTitle}>
        Keys (first 4 bytes shown)
      </h3>
      {agree !== null && <p className={agree ? styles.good : styles.badText}>{agree ? 'Both phones derived the same SK from X3DH.' : 'The phones hold DIFFERENT session keys: each is talking to someone else (the server).'}</p>}
      <div className={styles.keyGrid}>
        <SessionTable title="Alice’s phone, session with Bob’s phone" s={frame.alice} />
        <SessionTable title="Bob’s phone, session with Alice’s phone" s={frame.bob} />
      </div>
      {selected ? <Derivation m={selected} /> : <p className={styles.empty}>Select a message to see its keys.</p>}
    </section>
  );
}
