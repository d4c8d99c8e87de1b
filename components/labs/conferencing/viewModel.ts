/** Selectors for the conferencing view: the cost table, the verdict, the break markers, the audio and ICE summaries. */
import { formatKbps, type ConferencingFrame, type CostRow, type Topology } from '@/simulations/conferencing';
import { numberText } from '@/simulations/core/numberText';
import type { Limit } from '@/simulations/conferencing';

export const TOPOLOGY_LABELS: Record<Topology, string> = { mesh: 'Mesh', sfu: 'SFU', mcu: 'MCU' };
export const TOPOLOGY_COLORS: Record<Topology, string> = { mesh: 'var(--series-2)', sfu: 'var(--series-1)', mcu: 'var(--series-3)' };

export interface CostTableRow {
  label: string;
  cells: { text: string; over: boolean }[];
}

const cores = (c: number) => `${numberText(c, c < 10 ? 2 : 1)}`;

/** One row per quantity, one cell per topology; a cell is `over` when it is the limit the topology exceeds. */
export function costTable(costs: readonly CostRow[]): CostTableRow[] {
  const row = (label: string, text: (c: CostRow) => string, limit?: Limit): CostTableRow => ({
    label,
    cells: costs.map((c) => ({ text: text(c), over: limit !== undefined && c.exceeds.includes(limit) })),
  });
  return [
    row('Uplink per client', (c) => formatKbps(c.clientUpKbps), 'client uplink'),
    row('Downlink per client', (c) => formatKbps(c.clientDownKbps), 'client downlink'),
    row('Encodes / decodes per client', (c) => `${c.clientEncodes} / ${c.clientDecodes}`),
    row('Media connections', (c) => numberText(c.connections)),
    row('Server in / out', (c) => (c.serverInKbps === 0 ? 'none' : `${formatKbps(c.serverInKbps)} / ${formatKbps(c.serverOutKbps)}`), 'server NIC'),
    row('Server CPU (cores)', (c) => (c.serverCores === 0 ? 'none' : cores(c.serverCores)), 'server CPU'),
    row('TURN relay traffic', (c) => formatKbps(c.turnKbps)),
  ];
}

/** "With 12 people: mesh broke at 8 (client uplink); SFU fits all 50; MCU breaks at 27 (server CPU)." */
export function verdict(frame: ConferencingFrame): string {
  const parts = frame.breaks.map((b) => {
    const name = TOPOLOGY_LABELS[b.topology];
    if (b.participants === null) return `${name} fits every size up to 50`;
    const tense = b.participants <= frame.participants ? 'broke' : 'breaks';
    return `${name} ${tense} at ${b.participants} people (${b.limit})`;
  });
  const who = frame.participants < 2 ? 'Before anyone joins' : `With ${frame.participants} people`;
  return `${who}: ${parts.join('; ')}.`;
}

export function audioSummary(audio: ConferencingFrame['audio']): { label: string; value: string }[] {
  const rate = (n: number) => (audio.sent ? `${numberText((100 * n) / audio.sent, 1)} %` : '–');
  return [
    { label: 'Mouth-to-ear', value: `${numberText(audio.mouthToEarMs)} ms` },
    { label: 'Packets played', value: audio.sent ? `${numberText(audio.played)} of ${numberText(audio.sent)}` : '–' },
    { label: 'Late (concealed)', value: rate(audio.late) },
    { label: 'Lost on the path', value: rate(audio.lost) },
    { label: 'Unplayable, measured / model', value: `${rate(audio.late + audio.lost)} / ${numberText(100 * audio.expectedUnplayable, 1)} %` },
  ];
}

const PATH_LABELS = { host: 'Direct (host candidates)', srflx: 'P2P via STUN (server-reflexive)', relay: 'TURN relay (UDP)', 'relay-tcp': 'TURN relay over TLS 443' } as const;
export function pathLabel(path: keyof typeof PATH_LABELS): string {
  return PATH_LABELS[path];
}
