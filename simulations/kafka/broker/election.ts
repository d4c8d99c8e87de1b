/**
 * Leader election by the (KRaft) controller: clean = first live ISR member in assignment order;
 * unclean (unclean.leader.election.enable) = first live replica when no ISR member is alive.
 * The ISR is never emptied: when its last member dies it stays listed and the partition is offline.
 */

export interface ElectionResult {
  leader: number;
  isr: number[];
  unclean: boolean;
}

export function electLeader(
  assignment: readonly number[],
  isr: readonly number[],
  isAlive: (broker: number) => boolean,
  uncleanAllowed: boolean,
): ElectionResult {
  for (const b of assignment) {
    if (isr.includes(b) && isAlive(b)) return { leader: b, isr: isr.filter(isAlive), unclean: false };
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
