/** One line a learner reads for each event of the conversation (step and the event log show it). */
import type { Logged } from '../../core/recorder';
import type { E2eeEvent } from './series';

const who = (device: string) => {
  const [user, n] = device.split(/[:@]/);
  const name = user.charAt(0).toUpperCase() + user.slice(1);
  return device.includes('@') ? name : n === '1' ? `${name}’s phone` : `${name}’s device ${n}`;
};

export function e2eeCaption(e: Logged<E2eeEvent>): string | null {
  switch (e.type) {
    case 'register':
      return `${who(e.device)} uploads its public identity key, a signed prekey and ${e.oneTimePrekeys} one-time prekeys (${e.bytes} bytes)`;
    case 'presence':
      return e.online ? `${who(e.device)} comes online and collects what the server held for it` : `${who(e.device)} goes offline`;
    case 'fetch':
      return e.forged
        ? `The server hands ${who(e.by)} its OWN keys as ${who(e.of)}’s: the signature checks out, because the server signed them`
        : `${who(e.by)} fetches ${who(e.of)}’s prekey bundle: ${e.oneTimePrekeyId === null ? 'no one-time prekey left, signed prekey only' : `one-time prekey #${e.oneTimePrekeyId} (${e.oneTimePrekeysLeft} left on the server)`}`;
    case 'x3dh':
      return `${who(e.device)} runs X3DH as ${e.role} with ${who(e.peer)}: ${e.dhCount} DH outputs → SK ${e.sharedKey}`;
    case 'send':
      return `Message ${e.seq}: ${who(e.from)} ratchets its sending chain (n = ${e.n}) → message key ${e.messageKey}, ${e.bytes} bytes${e.copies > 1 ? `, ${e.copies} encrypted copies (one per device)` : ''}${e.carriesX3dh ? ', X3DH header attached' : ''}`;
    case 'dh-ratchet':
      return `${who(e.device)} turns the DH ratchet (${e.chain} chain): new ratchet key ${e.ratchetKey}, root key → ${e.rootKey}; the old chain key is deleted`;
    case 'relay':
      return e.fate === 'lost' ? `Message ${e.seq} is lost on the way to ${who(e.to)}` : e.fate === 'delayed' ? `Message ${e.seq} is delayed on the way to ${who(e.to)}` : null;
    case 'deliver':
      if (!e.primary) return null;
      return e.fromSkipped
        ? `${who(e.to)} decrypts message ${e.seq} with a stored skipped key (it arrived late)`
        : `${who(e.to)} decrypts message ${e.seq}${e.skippedStored > 0 ? `, storing ${e.skippedStored} skipped key${e.skippedStored === 1 ? '' : 's'} for messages not yet arrived` : ''}`;
    case 'reject':
      return `${who(e.to)} refuses message ${e.seq}: ${e.detail}`;
    case 'compromise':
      return `A thief copies Bob’s phone after message ${e.afterMessage}: ${e.secrets} secrets (keys, chain keys, stored skipped keys)`;
    case 'attempt':
      return `The thief tries message ${e.seq} (${e.beforeTheft ? 'sent before the theft' : 'sent after'}): ${e.outcome === 'read' ? 'READ' : 'cannot decrypt'}`;
    case 'key-swap':
      return `Malicious server: ${who(e.device)}’s keys are swapped for the server’s`;
    case 'mitm-read':
      return `The malicious server decrypts message ${e.seq} and re-encrypts it for the other side`;
    case 'safety-number':
      return e.match ? 'Alice and Bob compare safety numbers: they match' : 'Alice and Bob compare safety numbers: they DIFFER, someone swapped a key';
    case 'group-start':
      return e.mode === 'senderKeys'
        ? `Group of ${e.members}: every member sends its sender key to every other member (${e.pairwiseMessages} pairwise messages, ${e.x3dhSessions} X3DH sessions)`
        : `Group of ${e.members}: pairwise fan-out, nothing to distribute up front`;
    case 'group-send':
      return `Group message ${e.index}: ${e.encryptions} encryption${e.encryptions === 1 ? '' : 's'}, ${e.uploads} upload${e.uploads === 1 ? '' : 's'} (${e.bytes} bytes), read by ${e.readBy} of ${e.members - 1} members`;
    case 'member-leave':
      return e.mode === 'senderKeys'
        ? `${who(`${e.member}@group`)} leaves: everyone re-keys, ${e.pairwiseMessages} pairwise messages; the leaver ${e.leaverCanRead ? 'CAN' : 'cannot'} read what comes next`
        : `${who(`${e.member}@group`)} leaves: Alice just stops encrypting to them, nothing to re-key`;
    default:
      return null;
  }
}
