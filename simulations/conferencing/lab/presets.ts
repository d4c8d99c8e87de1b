import type { Preset } from '../../core/lab';
import type { ConferencingParams } from './schema';

export const conferencingPresets: Preset<ConferencingParams>[] = [
  {
    id: 'team-standup',
    title: 'A 12-person stand-up',
    story:
      'At 1.5 Mbps a camera and a 10 Mbps uplink, mesh breaks when the 8th person joins (N_max = ⌊10,000/1,500⌋ + 1 = 7). The SFU still sends 3 simulcast layers (2.2 Mbps up) and forwards 9 small tiles per client.',
    params: { participants: 12 },
  },
  {
    id: 'five-person-mesh',
    title: 'Five friends, peer to peer',
    story: 'The textbook mesh at 1 Mbps a link: 4 Mbps up and 4 Mbps down per client and 10 peer connections. It works: a small mesh needs no media server at all.',
    params: { participants: 5, videoKbps: 1000, simulcastLayers: 1, visibleTiles: 4 },
  },
  {
    id: 'all-hands-50',
    title: 'A 50-person all-hands',
    story:
      'An SFU forwards without transcoding, so 50 people cost it bandwidth, not CPU; the MCU that mixes a picture per viewer runs out of cores long before. Switch the MCU to one shared composite and see how far it gets.',
    params: { participants: 50, serverNicMbps: 10_000, serverCores: 16, visibleTiles: 25 },
  },
  {
    id: 'jitter-buffer',
    title: 'Audio over a jittery path',
    story:
      'Mean jitter 30 ms and a 30 ms buffer: e^(−1) ≈ 37 % of packets arrive too late to play. Raise the buffer to 90 ms and late packets fall to 5 %, at the price of 60 ms more mouth-to-ear delay.',
    params: { participants: 2, jitterMs: 30, jitterBufferMs: 30, lossRate: 0.01, durationS: 30 },
  },
  {
    id: 'symmetric-nat',
    title: '1:1 behind a symmetric NAT',
    story: 'The caller’s carrier-grade NAT maps a new port per destination and the callee filters by port: the STUN pair fails, and the call falls back to a TURN relay that carries 4 streams and adds a detour.',
    params: { participants: 2, natA: 'symmetric', natB: 'port-restricted' },
  },
];
