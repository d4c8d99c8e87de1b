/**
 * Network throughput traces in the standard two-column text format: one sample per line,
 * `time_seconds  throughput_Mbps` (10^6 bits/s), whitespace separated.
 *
 * What a sample MEANS (which interval it covers) is decided by the link model, not here:
 * reference mode reads line k as the interval (T[k-1], T[k]]; realistic mode as [T[k], T[k+1]).
 */

export interface Trace {
  /** File name (or generator description) shown in results. */
  name: string;
  /** Sample times in seconds, strictly increasing. */
  timesS: Float64Array;
  /** Throughput in Mbps, >= 0, same length as timesS. */
  mbps: Float64Array;
}

export class TraceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'TraceFormatError';
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse a trace file. Blank lines and lines starting with '#' are skipped. Throws TraceFormatError
 * naming the file and the 1-based line for: a line that is not two finite numbers, a time that does not
 * increase, a negative throughput, an empty file, a single sample, or a trace that is zero everywhere.
 */
export function parseTrace(text: string, file: string): Trace {
  const times: number[] = [];
  const rates: number[] = [];
  const lines = text.split(/\r?\n/);
  let lastLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const lineNo = i + 1;
    lastLine = lineNo;
    const cols = raw.split(/\s+/);
    if (cols.length !== 2) {
      throw new TraceFormatError(file, lineNo, `expected two columns "seconds Mbps", got ${cols.length} in ${JSON.stringify(raw)}`);
    }
    if (!NUMBER.test(cols[0]) || !NUMBER.test(cols[1])) {
      throw new TraceFormatError(file, lineNo, `not a number in ${JSON.stringify(raw)}`);
    }
    const t = Number(cols[0]);
    const v = Number(cols[1]);
    // "1e400" matches NUMBER but is Infinity: an infinite time or rate would wedge the link models.
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      throw new TraceFormatError(file, lineNo, `number out of range (not finite) in ${JSON.stringify(raw)}`);
    }
    if (times.length === 0 && t < 0) throw new TraceFormatError(file, lineNo, `time ${t} is negative`);
    if (times.length > 0 && !(t > times[times.length - 1])) {
      throw new TraceFormatError(file, lineNo, `time ${t} does not increase (previous sample at ${times[times.length - 1]})`);
    }
    if (v < 0) throw new TraceFormatError(file, lineNo, `throughput ${v} Mbps is negative`);
    times.push(t);
    rates.push(v);
  }
  if (times.length === 0) throw new TraceFormatError(file, 1, 'trace is empty (no samples)');
  if (times.length < 2) throw new TraceFormatError(file, lastLine, 'trace needs at least two samples');
  return checkTrace({ name: file, timesS: Float64Array.from(times), mbps: Float64Array.from(rates) }, file, lastLine);
}

function checkTrace(trace: Trace, file: string, lastLine: number): Trace {
  let positive = false;
  for (let k = 1; k < trace.mbps.length; k++) if (trace.mbps[k] > 0) positive = true;
  if (!positive) throw new TraceFormatError(file, lastLine, 'throughput is zero everywhere (after the first sample): nothing can be downloaded');
  return trace;
}

/** Build a trace from plain arrays, with the same checks as the parser ("line" = sample index + 1). */
export function traceFromSamples(name: string, timesS: ArrayLike<number>, mbps: ArrayLike<number>): Trace {
  if (timesS.length !== mbps.length) throw new TraceFormatError(name, 1, 'times and throughputs differ in length');
  if (timesS.length === 0) throw new TraceFormatError(name, 1, 'trace is empty (no samples)');
  if (timesS.length < 2) throw new TraceFormatError(name, 1, 'trace needs at least two samples');
  for (let k = 0; k < timesS.length; k++) {
    const t = timesS[k];
    const v = mbps[k];
    if (!Number.isFinite(t) || !Number.isFinite(v)) throw new TraceFormatError(name, k + 1, `not a number (${t}, ${v})`);
    if (k === 0 && t < 0) throw new TraceFormatError(name, 1, `time ${t} is negative`);
    if (k > 0 && !(t > timesS[k - 1])) throw new TraceFormatError(name, k + 1, `time ${t} does not increase (previous sample at ${timesS[k - 1]})`);
    if (v < 0) throw new TraceFormatError(name, k + 1, `throughput ${v} Mbps is negative`);
  }
  return checkTrace({ name, timesS: Float64Array.from(timesS), mbps: Float64Array.from(mbps) }, name, timesS.length);
}

/** Serialise a trace in the two-column format (round-trips through parseTrace exactly). */
export function formatTrace(trace: Trace): string {
  let out = '';
  for (let k = 0; k < trace.timesS.length; k++) out += `${trace.timesS[k]}\t${trace.mbps[k]}\n`;
  return out;
}

export function traceDurationS(trace: Trace): number {
  return trace.timesS[trace.timesS.length - 1];
}

export function meanMbps(trace: Trace): number {
  let s = 0;
  for (let k = 0; k < trace.mbps.length; k++) s += trace.mbps[k];
  return s / trace.mbps.length;
}
