/**
 * The run `create` builds: the Conversation part (the phones, the server, the attackers, the group)
 * driven by the conversation machine on the virtual clock. No checkpoints: a run is a few hundred
 * events, and re-creating it from the seed is exact.
 */
import { createActor, type Actor } from 'xstate';
import type { SimContext } from '../../core/lab';
import { Conversation } from '../conversation/conversation';
import { conversationMachine } from '../machines/conversation';
import { leaveAfter, type E2eeParams } from './schema';
import { SERVER_LINES_SHOWN, type E2eeEvent, type E2eeFrame, type E2eeSeriesName } from './series';

export interface E2eeModel {
  readonly params: E2eeParams;
  readonly conversation: Conversation;
  readonly actor: Actor<typeof conversationMachine>;
}

type E2eeContext = SimContext<E2eeEvent, E2eeSeriesName>;

export function createE2ee(params: E2eeParams, ctx: E2eeContext): E2eeModel {
  const conversation = new Conversation(params, {
    scheduler: ctx.scheduler,
    rng: ctx.rng,
    observer: { log: (e) => ctx.recorder.log(e), sample: (name, v) => ctx.recorder.sample(name, v) },
  });
  const machine = conversationMachine.provide({
    actions: {
      register: () => conversation.register(),
      sendMessage: (_, { seq }) => conversation.sendMessage(seq),
      bobComesOnline: () => conversation.bobComesOnline(),
      stealBobsPhone: (_, { afterMessage }) => conversation.stealBobsPhone(afterMessage),
      startGroup: () => conversation.startGroup(),
      sendGroupMessage: (_, { index }) => conversation.sendGroupMessage(index),
      memberLeaves: (_, { afterMessage }) => conversation.memberLeaves(afterMessage),
    },
  });
  const actor = createActor(machine, {
    clock: ctx.clock,
    input: { messages: params.messages, compromiseAfter: params.compromiseAfter, groupMessages: params.groupMessages, leaveAfter: leaveAfter(params) },
  });
  // start at t = 0 as the first scheduled event, so nothing runs inside create()
  ctx.scheduler.at(0, () => actor.start());
  return { params, conversation, actor };
}

export function e2eeFrame({ params, conversation: c }: E2eeModel): E2eeFrame {
  const ids = ['alice', 'bob'].flatMap((u) => Array.from({ length: params.devices }, (_, i) => `${u}:${i + 1}`));
  return {
    devices: params.devices,
    bobOnline: c.bobOnline,
    messages: c.messages.map((m) => ({ ...m, attack: m.attack ? { ...m.attack } : null })),
    server: c.server.slice(-SERVER_LINES_SHOWN),
    serverLinesTotal: c.server.length,
    alice: c.sessionView('alice:1', 'bob:1'),
    bob: c.sessionView('bob:1', 'alice:1'),
    sessions: ids.map((device) => ({ device, peers: [...(c.devices.get(device)?.sessions.keys() ?? [])] })),
    oneTimePrekeysLeft: ids.map((device) => ({ device, left: c.oneTimePrekeysLeft(device) })),
    safety: c.safety ? { ...c.safety } : null,
    theft: c.theft ? { ...c.theft } : null,
    malicious: { swapped: params.maliciousServer, read: c.mitmRead },
    group: c.groupView ? { ...c.groupView, sends: [...c.groupView.sends] } : null,
    serverBytes: c.serverBytes,
    uploads: c.uploads,
  };
}

export function isE2eeFinished({ actor }: E2eeModel): boolean {
  return actor.getSnapshot().status === 'done';
}
