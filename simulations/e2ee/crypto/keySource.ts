/**
 * Key material from a named seeded stream, so a run (and its share link) is reproducible.
 * LOUD: for the lab only. A real client that derived keys from a seed would let anyone with the
 * seed read its messages; real clients take keys from the operating system's CSPRNG.
 */
import type { RandomStream } from '../../core/rng';
import type { KeySource } from './primitives';

export class SeededKeySource implements KeySource {
  constructor(private readonly stream: RandomStream) {}

  bytes32(): Uint8Array {
    const out = new Uint8Array(32);
    const view = new DataView(out.buffer);
    for (let i = 0; i < 8; i++) view.setUint32(4 * i, this.stream.nextUint32());
    return out;
  }
}
