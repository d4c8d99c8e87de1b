/** Test helpers: seeded key sources and a handshake between two fresh devices' keys. */
import { RandomStream } from '@/simulations/core/rng';
import { SeededKeySource } from '@/simulations/e2ee/crypto/keySource';

export const keysFor = (name: string, seed = 1) => new SeededKeySource(new RandomStream(seed, name));
