/** What the end-to-end encryption lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const e2eeAbout = {
  id: 'e2ee',
  title: 'End-to-end encryption: what can the server read?',
  summary: 'Real X3DH and Double Ratchet between Alice’s and Bob’s phones: the server sees ciphertext, sizes and who talks to whom. Steal Bob’s phone, swap a prekey, lose and reorder messages, compare group fan-out with Sender Keys.',
  topic: 'Chat systems',
} as const;
