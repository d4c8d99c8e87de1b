/**
 * The real throughput traces the app ships (public/traces/<set>.traces, built by
 * scripts/build-abr-traces.mjs; provenance in public/traces/README.md): which datasets, where they
 * come from, the trace-set file format, and a synchronous library the lab reads them from.
 *
 * A set file is the two-column trace format (trace.ts) with a header line per trace:
 *
 *   # comment
 *   = norway_bus_1 3g
 *   0.0	4.03768755221
 *   …
 *   = norway_bus_10 3g
 *
 * The samples are the datasets' own lines, verbatim, so the Norway set stays bit-identical to the
 * reference simulator's input.
 *
 * Loading: `create` is synchronous, so sets are read through the host's synchronous asset reader
 * (core/assets.ts): files under public/ in Node (CLI, tests, bench), a same-origin synchronous
 * request in the run worker. A host that fetched a set itself hands it over with `installTraceSet`.
 */
import { readAsset } from '../../core/assets';
import { parseTrace, TraceFormatError, type Trace } from './trace';
import { NETWORK_TYPES, REAL_TRACE_CATALOG, type CatalogRow, type NetworkType } from './realTraceCatalog';

export { NETWORK_TYPES, type NetworkType };

export const NETWORK_LABELS: Record<NetworkType, string> = {
  '3g': '3G / HSDPA / UMTS',
  '4g': '4G / LTE',
  '5g': '5G (with 4G fallback)',
  broadband: 'Fixed broadband',
};

export type TraceSetId = keyof typeof REAL_TRACE_CATALOG;
export const TRACE_SET_IDS = Object.keys(REAL_TRACE_CATALOG) as TraceSetId[];

export interface TraceDataset {
  id: TraceSetId;
  title: string;
  /** what was measured, one sentence */
  what: string;
  citation: string;
  licence: string;
  licenceUrl: string | null;
  /** where the files were taken from */
  sourceUrl: string;
  /** how the shipped file was cut from the source */
  cut: string;
}

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const GPL3 = 'https://www.gnu.org/licenses/gpl-3.0.html';
const CUT_1200 = 'Samples copied verbatim; traces cut to their first 1200 s (the lab’s longest trace).';

export const TRACE_DATASETS: Record<TraceSetId, TraceDataset> = {
  'norway-3g': {
    id: 'norway-3g',
    title: 'Norway HSDPA 3G (Pensieve test set)',
    what: 'Telenor 3G/HSDPA on commutes around Oslo by bus, car, ferry, metro, train and tram, 2010–2011.',
    citation: 'H. Riiser, P. Vigmostad, C. Griwodz, P. Halvorsen, “Commute path bandwidth traces from 3G networks: analysis and applications”, ACM MMSys 2013.',
    licence: 'No licence stated; the authors ask for the citation. Cooked by Pensieve (MIT).',
    licenceUrl: null,
    sourceUrl: 'https://github.com/hongzimao/pensieve',
    cut: 'All 142 files of Pensieve’s cooked test set, every sample verbatim (bit-identical to the reference simulator’s input).',
  },
  'fcc-broadband': {
    id: 'fcc-broadband',
    title: 'FCC Measuring Broadband America 2016',
    what: 'US home broadband (DSL, cable, fibre) web-download throughput, one sample every 5 s (Pensieve’s spacing).',
    citation: 'FCC, “Raw Data – Measuring Broadband America 2016”; H. Mao, R. Netravali, M. Alizadeh, “Neural Adaptive Video Streaming with Pensieve”, SIGCOMM 2017.',
    licence: 'US federal government data (public domain); Pensieve’s cooking is MIT.',
    licenceUrl: null,
    sourceUrl: 'https://github.com/confiwent/Real-world-bandwidth-traces',
    cut: `40 of Pensieve’s FCC training files at evenly spaced mean-throughput ranks. ${CUT_1200}`,
  },
  'lumos-4g': {
    id: 'lumos-4g',
    title: 'Lumos5G: Verizon 4G/LTE, Minneapolis',
    what: 'Per-second iPerf TCP downlink on Verizon 4G/LTE around downtown Minneapolis, driving and walking.',
    citation: 'A. Narayanan et al., “Lumos5G: Mapping and Predicting Commercial mmWave 5G Throughput”, ACM IMC 2020; “A Variegated Look at 5G in the Wild”, SIGCOMM 2021.',
    licence: 'CC BY 4.0 (the Lumos5G 1.0 release; the artifact repository states no licence of its own).',
    licenceUrl: CC_BY,
    sourceUrl: 'https://github.com/SIGCOMM21-5G/artifact',
    cut: `20 driving and 20 walking files, evenly spaced in name order; times rebased to 0. ${CUT_1200}`,
  },
  'mahimahi-cellular': {
    id: 'mahimahi-cellular',
    title: 'Mahimahi cellular (Saturator)',
    what: 'Link capacity of US LTE and 3G (UMTS, EV-DO) networks seen by a mobile user, recorded with Saturator.',
    citation: 'K. Winstein, A. Sivaraman, H. Balakrishnan, “Stochastic Forecasts Achieve High Throughput and Low Delay over Cellular Networks”, NSDI 2013; R. Netravali et al., “Mahimahi”, USENIX ATC 2015.',
    licence: 'GNU GPL v3 (the mahimahi repository).',
    licenceUrl: GPL3,
    sourceUrl: 'https://github.com/ravinet/mahimahi',
    cut: `Delivery opportunities (1500 B each) counted in 1 s bins and turned into Mbps. ${CUT_1200}`,
  },
  'lumos-5g': {
    id: 'lumos-5g',
    title: 'Lumos5G: Verizon mmWave 5G, Minneapolis',
    what: 'Per-second iPerf TCP downlink on Verizon mmWave 5G around downtown Minneapolis, driving and walking.',
    citation: 'A. Narayanan et al., “Lumos5G: Mapping and Predicting Commercial mmWave 5G Throughput”, ACM IMC 2020; “A Variegated Look at 5G in the Wild”, SIGCOMM 2021.',
    licence: 'CC BY 4.0 (the Lumos5G 1.0 release; the artifact repository states no licence of its own).',
    licenceUrl: CC_BY,
    sourceUrl: 'https://github.com/SIGCOMM21-5G/artifact',
    cut: `20 driving and 20 walking files, evenly spaced in trace-number order; times rebased to 0. ${CUT_1200}`,
  },
  '5gophers': {
    id: '5gophers',
    title: '5Gophers 1.0: first commercial 5G in the US',
    what: 'Per-second TCP downlink on Verizon, Sprint and T-Mobile 5G in 2019: walking, driving and stationary runs.',
    citation: 'A. Narayanan, E. Ramadan, J. Carpenter, Q. Liu, Y. Liu, F. Qian, Z.-L. Zhang, “A First Look at Commercial 5G Performance on Smartphones”, The Web Conference 2020.',
    licence: 'CC BY 4.0 (5Gophers 1.0 LICENSE).',
    licenceUrl: CC_BY,
    sourceUrl: 'https://github.com/jhzuo/Offloading-FL',
    cut: `One walking trace, 6 driving traces (one per carrier and run), 12 stationary runs; seq_num → seconds. ${CUT_1200}`,
  },
  'ucc-5g': {
    id: 'ucc-5g',
    title: 'UCC 5G production network, Cork',
    what: 'G-NetTrack Pro file-download sessions on an Irish operator’s network, driving (5G ↔ LTE ↔ HSPA+) and static.',
    citation: 'D. Raca, D. Leahy, C. J. Sreenan, J. J. Quinlan, “Beyond Throughput, The Next Generation: A 5G Dataset with Channel and Context Metrics”, ACM MMSys 2020.',
    licence: 'GNU GPL v3 (the dataset repository).',
    licenceUrl: GPL3,
    sourceUrl: 'https://github.com/uccmisl/5Gdataset',
    cut: `The 21 download sessions; DL_bitrate kbps → Mbps, rows sharing a second averaged. ${CUT_1200}`,
  },
};

export interface RealTraceInfo {
  /** `<set>/<name>`: what a share link and the `trace.real` param carry */
  id: string;
  set: TraceSetId;
  name: string;
  network: NetworkType;
  samples: number;
  durationS: number;
  meanMbps: number;
}

function infoOf(set: TraceSetId, row: CatalogRow): RealTraceInfo {
  const [name, network, samples, durationS, meanMbps] = row;
  return { id: `${set}/${name}`, set, name, network, samples, durationS, meanMbps };
}

export const REAL_TRACES: readonly RealTraceInfo[] = TRACE_SET_IDS.flatMap((set) => (REAL_TRACE_CATALOG[set] as readonly CatalogRow[]).map((row) => infoOf(set, row)));
export const REAL_TRACE_IDS = REAL_TRACES.map((t) => t.id);
const BY_ID = new Map(REAL_TRACES.map((t) => [t.id, t]));

export function realTraceInfo(id: string): RealTraceInfo | undefined {
  return BY_ID.get(id);
}

export function tracesOfSet(set: TraceSetId): RealTraceInfo[] {
  return REAL_TRACES.filter((t) => t.set === set);
}

export function isTraceSetId(id: string): id is TraceSetId {
  return Object.hasOwn(REAL_TRACE_CATALOG, id);
}

/** The set file's path under public/ (and its URL path on the site, with a leading '/'). */
export function traceSetPath(set: TraceSetId): string {
  return `traces/${set}.traces`;
}

export interface NamedTrace {
  name: string;
  network: NetworkType;
  trace: Trace;
}

const HEADER = /^=\s+(\S+)\s+(\S+)\s*$/;

/**
 * Parse a trace-set file. Errors are TraceFormatError naming the file and its 1-based line: a sample
 * before the first header, a malformed header, an unknown network, a repeated name, an empty set,
 * and every problem parseTrace finds in a trace's samples.
 */
export function parseTraceSet(text: string, file: string): NamedTrace[] {
  const lines = text.split(/\r?\n/);
  const out: NamedTrace[] = [];
  const names = new Set<string>();
  let current: { name: string; network: NetworkType; firstLine: number; body: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const { name, network, firstLine, body } = current;
    try {
      out.push({ name, network, trace: parseTrace(body.join('\n'), name) });
    } catch (e) {
      if (e instanceof TraceFormatError) throw new TraceFormatError(file, firstLine + e.line, `trace ${name}: ${e.problem}`);
      throw e;
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw.startsWith('=')) {
      if (current) current.body.push(raw);
      else if (raw !== '' && !raw.startsWith('#')) throw new TraceFormatError(file, i + 1, 'a sample before the first "= <name> <network>" header');
      continue;
    }
    finish();
    const m = HEADER.exec(raw);
    if (!m) throw new TraceFormatError(file, i + 1, `expected a header "= <name> <network>", got ${JSON.stringify(raw)}`);
    const [, name, network] = m;
    if (!(NETWORK_TYPES as readonly string[]).includes(network)) throw new TraceFormatError(file, i + 1, `unknown network ${JSON.stringify(network)}; known: ${NETWORK_TYPES.join(', ')}`);
    if (names.has(name)) throw new TraceFormatError(file, i + 1, `trace ${name} appears twice`);
    names.add(name);
    current = { name, network: network as NetworkType, firstLine: i + 1, body: [] };
  }
  finish();
  if (out.length === 0) throw new TraceFormatError(file, 1, 'no traces in this set (each starts with "= <name> <network>")');
  return out;
}

/** Serialise named traces as a set file (round-trips through parseTraceSet exactly). */
export function formatTraceSet(traces: readonly NamedTrace[], comment = ''): string {
  let out = comment ? comment.split('\n').map((l) => `# ${l}\n`).join('') : '';
  for (const t of traces) {
    out += `= ${t.name} ${t.network}\n`;
    for (let k = 0; k < t.trace.timesS.length; k++) out += `${t.trace.timesS[k]}\t${t.trace.mbps[k]}\n`;
  }
  return out;
}

// ---- the library: sets parsed once per host --------------------------------------------------------

const loaded = new Map<TraceSetId, NamedTrace[]>();

/** Hand over a set the host fetched itself (the tournament worker); parsed (and checked) now. */
export function installTraceSet(set: TraceSetId, text: string): NamedTrace[] {
  const traces = parseTraceSet(text, traceSetPath(set));
  loaded.set(set, traces);
  return traces;
}

export function isTraceSetLoaded(set: TraceSetId): boolean {
  return loaded.has(set);
}

/** A set's traces, read once through the host's asset reader (core/assets.ts), then kept. */
export function loadTraceSet(set: TraceSetId): NamedTrace[] {
  return loaded.get(set) ?? installTraceSet(set, readAsset(traceSetPath(set)));
}

/** The trace a `trace.real` id names, parsed from its set (its name is the id). */
export function realTrace(id: string): Trace {
  const info = realTraceInfo(id);
  if (!info) throw new Error(`unknown real trace ${JSON.stringify(id)}`);
  const found = loadTraceSet(info.set).find((t) => t.name === info.name);
  if (!found) throw new Error(`${traceSetPath(info.set)} has no trace ${info.name}`);
  return { ...found.trace, name: id };
}
