/** One line a learner reads for each conferencing event (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import { numberText } from '../../core/numberText';
import type { ConferencingEvent } from './series';

/** 850 kbps, 4.5 Mbps, 1.2 Gbps. */
export function formatKbps(kbps: number): string {
  if (kbps >= 1e6) return `${numberText(kbps / 1e6, 1)} Gbps`;
  if (kbps >= 1000) return `${numberText(kbps / 1000, 1)} Mbps`;
  return `${numberText(kbps)} kbps`;
}

const TOPOLOGY_NAMES = { mesh: 'Mesh', sfu: 'The SFU', mcu: 'The MCU' } as const;
const PATH_NAMES = { host: 'direct (host)', srflx: 'P2P through STUN (server-reflexive)', relay: 'TURN relay (UDP)', 'relay-tcp': 'TURN relay over TLS on 443' } as const;

export function conferencingCaption(e: Logged<ConferencingEvent>): string | null {
  switch (e.type) {
    case 'ice-check':
      return `1:1 call: ${PATH_NAMES[e.path]} ${e.works ? 'works' : 'fails'}: ${e.why}`;
    case 'ice-selected':
      return e.turnKbps > 0
        ? `1:1 call connected via ${PATH_NAMES[e.path]}: ${numberText(e.rttMs)} ms round trip, the relay carries ${formatKbps(e.turnKbps)}`
        : `1:1 call connected ${PATH_NAMES[e.path]}: ${numberText(e.rttMs)} ms round trip, no relay bandwidth`;
    case 'join':
      return `Participant ${e.participants} joins: mesh uplink ${formatKbps(e.meshUpKbps)} per client, SFU egress ${formatKbps(e.sfuServerOutKbps)}, MCU CPU ${numberText(e.mcuServerCores, 1)} cores`;
    case 'break':
      return `${TOPOLOGY_NAMES[e.topology]} breaks at ${e.participants} people: ${e.limit} needs ${numberText(e.needed, e.unit === 'cores' ? 1 : 0)} ${e.unit} of ${numberText(e.available)}`;
    case 'audio':
      if (e.outcome === 'lost') return `Audio packet ${e.seq} was lost on the path: the decoder conceals the gap`;
      if (e.outcome === 'late') return `Audio packet ${e.seq} took ${numberText(e.delayMs ?? 0)} ms and missed its slot (buffer ${numberText(e.bufferMs)} ms): concealed`;
      return `Audio packet ${e.seq} took ${numberText(e.delayMs ?? 0)} ms and plays on time`;
    default:
      return null;
  }
}
