import { referenceCardParts } from './componentNames';
import styles from './Teaching.module.css';

/**
 * The numbers an estimate starts from: powers of two and latency orders of magnitude. A server
 * component (no JavaScript). LOUD: the latency rows are Jeff Dean's "numbers everyone should know"
 * (LADIS 2009 keynote, ca. 2009–2012 hardware); they are orders of magnitude, keep them so.
 */
const powers = [
  { power: 10, exact: '1,024', approx: 'a thousand', name: 'KiB (kilo)' },
  { power: 20, exact: '1,048,576', approx: 'a million', name: 'MiB (mega)' },
  { power: 30, exact: '1,073,741,824', approx: 'a billion', name: 'GiB (giga)' },
  { power: 40, exact: '≈ 1.1 × 10¹²', approx: 'a trillion', name: 'TiB (tera)' },
  { power: 50, exact: '≈ 1.1 × 10¹⁵', approx: 'a quadrillion', name: 'PiB (peta)' },
];

const latencies = [
  { what: 'L1 cache reference', ns: 0.5 },
  { what: 'Branch mispredict', ns: 5 },
  { what: 'L2 cache reference', ns: 7 },
  { what: 'Mutex lock/unlock', ns: 25 },
  { what: 'Main memory reference', ns: 100 },
  { what: 'Compress 1 KB with a fast compressor', ns: 3_000 },
  { what: 'Send 1 KB over a 1 Gbps network', ns: 10_000 },
  { what: 'Read 4 KB at random from an SSD', ns: 150_000 },
  { what: 'Read 1 MB sequentially from memory', ns: 250_000 },
  { what: 'Round trip within a data centre', ns: 500_000 },
  { what: 'Read 1 MB sequentially from an SSD', ns: 1_000_000 },
  { what: 'Disk seek', ns: 10_000_000 },
  { what: 'Read 1 MB sequentially from a disk', ns: 20_000_000 },
  { what: 'Packet California → Netherlands → California', ns: 150_000_000 },
];

export function formatDuration(ns: number): string {
  if (ns < 1_000) return `${ns} ns`;
  if (ns < 1_000_000) return `${ns / 1_000} µs`;
  return `${ns / 1_000_000} ms`;
}

const rules = [
  'A day is about 86,400 s ≈ 10⁵ s; a month ≈ 2.6 × 10⁶ s; a year ≈ 3 × 10⁷ s.',
  '1 million requests a day ≈ 12 requests/s on average; plan for a peak 2–10× the mean.',
  '1 Gbps ≈ 125 MB/s; 8 bits to the byte.',
];

export type ReferenceCardPart = (typeof referenceCardParts)[number];

export function ReferenceCard({ show = [...referenceCardParts] }: { show?: ReferenceCardPart[] }) {
  return (
    <aside className={styles.card} aria-label="Reference card for estimates" data-testid="reference-card">
      <p className={styles.kicker}>Reference card</p>
      {show.includes('powers') && (
        <div className="table-scroll" role="group" aria-label="Powers of two" tabIndex={0}>
          <table className={styles.table}>
            <caption>Powers of two</caption>
            <thead>
              <tr>
                <th scope="col">Power</th>
                <th scope="col">Exact</th>
                <th scope="col">Roughly</th>
                <th scope="col">Bytes</th>
              </tr>
            </thead>
            <tbody>
              {powers.map((p) => (
                <tr key={p.power}>
                  <th scope="row">2^{p.power}</th>
                  <td>{p.exact}</td>
                  <td>{p.approx}</td>
                  <td>{p.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {show.includes('latency') && (
        <div className="table-scroll" role="group" aria-label="Latency numbers" tabIndex={0}>
          <table className={styles.table}>
            <caption>
              Latency numbers every programmer should know: orders of magnitude from Jeff Dean’s{' '}
              <a href="https://www.cs.cornell.edu/projects/ladis2009/talks/dean-keynote-ladis2009.pdf">LADIS 2009 keynote</a> and{' '}
              <a href="https://norvig.com/21-days.html#answers">Peter Norvig’s table</a>
            </caption>
            <thead>
              <tr>
                <th scope="col">Operation</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {latencies.map((l) => (
                <tr key={l.what}>
                  <th scope="row">{l.what}</th>
                  <td>{formatDuration(l.ns)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {show.includes('rules') && (
        <ul className={styles.list}>
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </aside>
  );
}
