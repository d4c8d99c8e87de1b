import { isHttpUrl } from './frontmatter';
import type { KeyNumberRow } from './types';
import styles from './KeyNumbers.module.css';
import { numberText } from '@/simulations/core/numberText';

interface KeyNumbersProps {
  caption?: string;
  rows: KeyNumberRow[];
}


/** A table of back-of-envelope numbers: label, value with unit, and a note or source. */
export function KeyNumbers({ caption, rows }: KeyNumbersProps) {
  const hasNotes = rows.some((row) => row.note || row.source);
  return (
    <div className={styles.wrap}>
      <table className={styles.table}>
        {caption && <caption className={styles.caption}>{caption}</caption>}
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col" className={styles.valueHead}>
              Number
            </th>
            {hasNotes && <th scope="col">Why / source</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row" className={styles.label}>
                {row.label}
              </th>
              <td className={styles.value}>
                <span className={styles.number}>{typeof row.value === 'number' ? numberText(row.value, 6) : row.value}</span>
                {row.unit && <span className={styles.unit}> {row.unit}</span>}
              </td>
              {hasNotes && (
                <td className={styles.note}>
                  {row.note}
                  {row.note && row.source ? ' ' : null}
                  {row.source &&
                    (isHttpUrl(row.source) ? (
                      <a href={row.source} rel="noopener noreferrer">
                        source
                      </a>
                    ) : (
                      <span className={styles.source}>{row.source}</span>
                    ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
