/**
 * A 1:1 call's connection set-up (ICE, RFC 8445): each side gathers a host candidate, a
 * server-reflexive one from STUN (RFC 8489, its public address as its NAT maps it) and a relayed one
 * from TURN (RFC 8656). Pairs are checked best first; the call uses the first pair that works.
 *
 * Which pairs work, the classic NAT behaviour table (RFC 4787 terms): two hosts on the same network
 * reach each other directly; across NATs the server-reflexive pair works unless one side's NAT maps
 * per destination (symmetric) and the other side filters by port (port-restricted or symmetric),
 * because the port STUN saw is not the port the peer is sent from. Blocked UDP leaves TURN over
 * TCP/TLS on 443 only.
 */
export type NatType = 'none' | 'full-cone' | 'restricted-cone' | 'port-restricted' | 'symmetric';
export const NAT_TYPES: readonly NatType[] = ['none', 'full-cone', 'restricted-cone', 'port-restricted', 'symmetric'];

export type CandidatePath = 'host' | 'srflx' | 'relay' | 'relay-tcp';

export interface IceConfig {
  natA: NatType;
  natB: NatType;
  udpBlocked: boolean;
  /** round trip between the two peers on the direct path, ms */
  directRttMs: number;
  /** extra round trip through the TURN server's detour, ms */
  turnDetourMs: number;
  videoKbps: number;
}

export interface IceCheck {
  path: CandidatePath;
  works: boolean;
  why: string;
}

export interface IceOutcome {
  checks: IceCheck[];
  selected: CandidatePath;
  rttMs: number;
  /** bandwidth the TURN server carries for this call, in + out, kbps (0 when direct) */
  turnKbps: number;
}

const filtersByPort = (nat: NatType) => nat === 'port-restricted' || nat === 'symmetric';

export function connect(config: IceConfig): IceOutcome {
  const { natA, natB, udpBlocked } = config;
  const checks: IceCheck[] = [];
  const bothOpen = natA === 'none' && natB === 'none';
  checks.push(
    udpBlocked
      ? { path: 'host', works: false, why: 'UDP is blocked' }
      : { path: 'host', works: bothOpen, why: bothOpen ? 'both hosts have public addresses' : 'a private address is not reachable from the other network' },
  );
  if (!bothOpen || udpBlocked) {
    const symmetricMeetsPortFilter = (natA === 'symmetric' && filtersByPort(natB)) || (natB === 'symmetric' && filtersByPort(natA));
    checks.push(
      udpBlocked
        ? { path: 'srflx', works: false, why: 'UDP is blocked' }
        : symmetricMeetsPortFilter
          ? { path: 'srflx', works: false, why: 'a symmetric NAT maps a new port per destination, and the other side filters by port' }
          : { path: 'srflx', works: true, why: 'STUN found each public mapping and both NATs let the peer’s packets in' },
    );
  }
  if (!checks.some((c) => c.works)) {
    checks.push(
      udpBlocked
        ? { path: 'relay-tcp', works: true, why: 'TURN over TLS on 443 gets through the firewall' }
        : { path: 'relay', works: true, why: 'both sides reach the TURN server, which relays every packet' },
    );
  }
  const selected = checks.find((c) => c.works)!.path;
  const relayed = selected === 'relay' || selected === 'relay-tcp';
  return {
    checks,
    selected,
    rttMs: config.directRttMs + (relayed ? config.turnDetourMs : 0),
    // the relay receives each side's stream and sends it on: 2 streams in, 2 out
    turnKbps: relayed ? 4 * config.videoKbps : 0,
  };
}
