import type { ParamError, ParamSchema, ParamsOf } from '../../core/params';

/**
 * The maxima keep the heaviest run to a few seconds of real cryptography (a step back replays the
 * run from t = 0): Sender Keys set-up alone is n(n − 1) real pairwise messages over n(n − 1)/2 X3DH
 * sessions, ~25 ms each with @noble's X25519 and Ed25519 (bench/e2ee.ts).
 */
export const MAX_MESSAGES = 60;
export const MAX_GROUP_SIZE = 8;

export const e2eeSchema = {
  messages: {
    type: 'number',
    label: 'Messages',
    min: 2,
    max: MAX_MESSAGES,
    default: 12,
    integer: true,
    group: 'Conversation',
    description: 'Messages between Alice’s phone and Bob’s phone, one a second once Bob is online.',
  },
  turnLength: {
    type: 'number',
    label: 'Messages per turn',
    min: 1,
    max: 20,
    default: 3,
    integer: true,
    group: 'Conversation',
    description: 'How many messages one side sends before the other replies. Every change of direction turns the DH ratchet.',
  },
  oneTimePrekeys: {
    type: 'number',
    label: 'One-time prekeys',
    unit: 'per device',
    min: 0,
    max: 100,
    default: 5,
    integer: true,
    group: 'Keys',
    description: 'One-time prekeys each device uploads. Each X3DH uses one (4 DH operations); with none left the server hands out the signed prekey alone (3 DH operations, less forward secrecy).',
  },
  devices: {
    type: 'number',
    label: 'Devices per person',
    min: 1,
    max: 3,
    default: 1,
    integer: true,
    group: 'Keys',
    description: 'Phones and laptops per person. Every device is a separate ratchet: a message is encrypted once per other device (of the peer and of the sender).',
  },
  maxSkip: {
    type: 'number',
    label: 'MAX_SKIP',
    unit: 'keys',
    min: 0,
    max: 2000,
    default: 1000,
    integer: true,
    group: 'Keys',
    description: 'Most message keys a receiver derives ahead and stores for messages that have not arrived. A message further ahead is refused.',
  },
  lossProbability: {
    type: 'number',
    label: 'Lost messages',
    min: 0,
    max: 0.5,
    default: 0,
    step: 0.01,
    group: 'Network',
    description: 'Chance a message never arrives (message 1 always does). Later messages still decrypt: the receiver stores the skipped keys.',
  },
  reorderProbability: {
    type: 'number',
    label: 'Delayed messages',
    min: 0,
    max: 0.5,
    default: 0,
    step: 0.01,
    group: 'Network',
    description: 'Chance a message arrives 2.5 s late, after the next two or three: decrypted with a stored skipped key.',
  },
  compromiseAfter: {
    type: 'number',
    label: 'Steal Bob’s phone after message',
    min: 0,
    max: MAX_MESSAGES,
    default: 0,
    integer: true,
    group: 'Attacks',
    description: 'A thief copies everything on Bob’s phone after message k and tries to decrypt every message the server relayed, before and after. 0 = never.',
  },
  maliciousServer: {
    type: 'boolean',
    label: 'Malicious server swaps Bob’s keys',
    default: false,
    group: 'Attacks',
    description: 'The server hands Alice its own keys as Bob’s, decrypts and re-encrypts every message. Both phones still work; only the safety numbers differ.',
  },
  groupSize: {
    type: 'number',
    label: 'Group size n',
    min: 3,
    max: MAX_GROUP_SIZE,
    default: 5,
    integer: true,
    group: 'Group',
    description: 'Members of the group demo after the conversation (one phone each; Alice sends). Every member’s keys are real, so the lab stops at 8; the costs grow as the formulas shown.',
  },
  groupMode: {
    type: 'enum',
    label: 'Group encryption',
    options: ['senderKeys', 'pairwise'] as const,
    default: 'senderKeys' as const,
    optionLabels: { senderKeys: 'Sender Keys (one upload)', pairwise: 'Pairwise fan-out (n − 1 uploads)' },
    group: 'Group',
    description: 'Pairwise: encrypt each group message once per member. Sender Keys: distribute a sender key once, then encrypt and upload each message once.',
  },
  groupMessages: {
    type: 'number',
    label: 'Group messages',
    min: 0,
    max: 12,
    default: 4,
    integer: true,
    group: 'Group',
    description: 'Group messages Alice sends. 0 = no group demo.',
  },
  memberLeaves: {
    type: 'boolean',
    label: 'A member leaves midway',
    default: true,
    group: 'Group',
    description: 'The last member leaves halfway through the group messages. With Sender Keys everyone re-keys: (n − 1)(n − 2) pairwise messages.',
  },
} satisfies ParamSchema;

export type E2eeParams = ParamsOf<typeof e2eeSchema>;

export function checkE2eeParams(p: E2eeParams): ParamError[] {
  if (p.compromiseAfter > p.messages) {
    return [{ field: 'compromiseAfter', value: p.compromiseAfter, message: `compromiseAfter = ${p.compromiseAfter} is invalid: must be 0 (never) or at most messages (${p.messages})` }];
  }
  return [];
}

/** The group message after which the member leaves (0 = nobody leaves): halfway, never after the last. */
export function leaveAfter(p: E2eeParams): number {
  return p.memberLeaves && p.groupMessages >= 2 ? Math.floor(p.groupMessages / 2) : 0;
}
