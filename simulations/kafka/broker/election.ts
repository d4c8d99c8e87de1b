/**
 * Leader election by the (KRaft) controller: clean = first live ISR member in assignment order;
 * then, with Eligible Leader Replicas (KIP-966), the first live ELR member; unclean
 * (unclean.leader.election.enable) = first live replica when neither exists.
 * The ISR is never emptied: when its last member dies it stays listed and the partition is offline.
 */

export interface ElectionResult {
  leader: number;
  isr: number[];
  unclean: boolean;
  /** elected from the ELR (KIP-966): clean, the replica holds every committed record */
  fromElr?: boolean;
}

export function electLeader(
  assignment: readonly number[],
  isr: readonly number[],
  isAlive: (broker: number) => boolean,
  uncleanAllowed: boolean,
  elr: readonly number[] = [],
): ElectionResult {
  for (const b of assignment) {
    if (isr.includes(b) && isAlive(b)) return { leader: b, isr: isr.filter(isAlive), unclean: false };
  }
  for (const b of assignment) {
    if (elr.includes(b) && isAlive(b)) return { leader: b, isr: [b], unclean: false, fromElr: true };
  }
  if (uncleanAllowed) {
    for (const b of assignment) if (isAlive(b)) return { leader: b, isr: [b], unclean: true };
  }
  // offline: keep the ISR as the controller last knew it (never empty)
  return { leader: -1, isr: [...isr], unclean: false };
}

/** Remove a fenced broker from an ISR unless it is the last member (KRaft keeps the last one). */
export function shrinkIsrOnFence(isr: readonly number[], broker: number): number[] {
  if (!isr.includes(broker) || isr.length === 1) return [...isr];
  return isr.filter((b) => b !== broker);
}

/**
 * KIP-966 ELR after an ISR change: while the ISR is below min.insync.replicas the HW cannot advance
 * (strict min ISR), so a replica leaving the ISR then still holds every committed record and joins
 * the ELR; members back in the ISR leave it; once the ISR reaches min ISR the ELR is cleared.
 */
export function nextElr(oldIsr: readonly number[], newIsr: readonly number[], elr: readonly number[], minIsr: number): number[] {
  if (newIsr.length >= minIsr) return [];
  const out = elr.filter((b) => !newIsr.includes(b));
  for (const b of oldIsr) if (!newIsr.includes(b) && !out.includes(b)) out.push(b);
  return out;
}
