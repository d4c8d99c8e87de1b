import type { Preset } from '../../core/lab';
import type { E2eeParams } from './schema';

export const e2eePresets: Preset<E2eeParams>[] = [
  {
    id: 'first-conversation',
    title: 'A first conversation',
    story: 'Bob registers and goes offline; Alice fetches his prekeys, runs X3DH with a one-time prekey (4 DH outputs) and writes. Step through: every message gets a new message key, every change of direction a new DH ratchet key, and the server pane never shows a word.',
    params: { messages: 9, turnLength: 3, groupMessages: 0 },
  },
  {
    id: 'no-one-time-prekey',
    title: 'X3DH without a one-time prekey',
    story: 'Bob uploaded no one-time prekeys (or the server ran out): X3DH falls back to the signed prekey alone, 3 DH outputs instead of 4. Both sides still derive the same SK.',
    params: { messages: 6, oneTimePrekeys: 0, groupMessages: 0 },
  },
  {
    id: 'lost-and-late',
    title: 'Lost and late messages',
    story: 'A fifth of the messages are lost and a fifth arrive late. Later messages still decrypt: the receiver derives the missing keys and stores them, and a late message opens with its stored key.',
    params: { messages: 24, turnLength: 6, lossProbability: 0.2, reorderProbability: 0.2, groupMessages: 0 },
    seed: 3,
  },
  {
    id: 'beyond-max-skip',
    title: 'Beyond MAX_SKIP',
    story: 'MAX_SKIP is 1: a receiver stores at most one key ahead. When two messages in a row are lost, the next one is refused cleanly instead of making the phone derive keys without limit.',
    params: { messages: 30, turnLength: 10, lossProbability: 0.35, maxSkip: 1, groupMessages: 0 },
    seed: 2,
  },
  {
    id: 'steal-bobs-phone',
    title: 'Steal Bob’s phone after message 7',
    story: 'The thief gets every key on Bob’s phone and every ciphertext the server relayed. It tries them all: earlier messages stay closed (forward secrecy); later ones open until a full round trip of DH ratchet steps with keys made after the theft heals the session (post-compromise security).',
    params: { messages: 18, turnLength: 3, compromiseAfter: 7, groupMessages: 0 },
  },
  {
    id: 'steal-with-late-messages',
    title: 'Stolen phone, stored skipped keys',
    story: 'The same theft with late and lost messages: the skipped keys Bob’s phone stored for them are stolen too, so those “past” messages open. Forward secrecy covers deleted keys only.',
    params: { messages: 24, turnLength: 6, compromiseAfter: 8, lossProbability: 0.15, reorderProbability: 0.25, groupMessages: 0 },
    seed: 5,
  },
  {
    id: 'malicious-server',
    title: 'A malicious server swaps a key',
    story: 'The server hands Alice its own keys as Bob’s and re-encrypts everything in between. Both phones decrypt every message; nothing looks wrong until Alice and Bob compare safety numbers, which differ.',
    params: { messages: 6, maliciousServer: true, groupMessages: 0 },
  },
  {
    id: 'group-sender-keys',
    title: 'Group of 8 with Sender Keys',
    story: 'Each group message is encrypted and uploaded once; the server fans it out to 7 members. Setting up costs 8 × 7 = 56 pairwise messages, and when a member leaves everyone left re-keys: 7 × 6 = 42 more.',
    params: { messages: 2, groupSize: 8, groupMode: 'senderKeys', groupMessages: 6, memberLeaves: true },
  },
  {
    id: 'group-pairwise',
    title: 'Group of 8, pairwise fan-out',
    story: 'Alice encrypts and uploads each group message 7 times, once per member, over the sessions she already has. Nothing to set up and nothing to re-key when someone leaves.',
    params: { messages: 2, groupSize: 8, groupMode: 'pairwise', groupMessages: 6, memberLeaves: true },
  },
  {
    id: 'multi-device',
    title: 'Two devices each',
    story: 'Alice and Bob each have a phone and a laptop. Every message is encrypted three times (Bob’s two devices and Alice’s other one), each over its own ratchet; the server sees three uploads.',
    params: { messages: 6, devices: 2, groupMessages: 0 },
  },
];
