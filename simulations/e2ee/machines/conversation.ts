/**
 * The conversation's script on virtual time: register → Alice's first message while Bob is offline →
 * Bob comes online → one message a gap until the script ends → drain (late messages arrive) → the
 * group demo. A parallel region is the thief, who copies Bob's phone once, after message k.
 *
 * The machine only orchestrates: every action is a named no-op here, provided by lab/model.ts with
 * calls into the Conversation part (conversation/conversation.ts). Delays come from timeline.ts.
 */
import { assign, setup } from 'xstate';
import { BOB_ONLINE_AT_MS, compromiseTimeMs, DRAIN_MS, FIRST_MESSAGE_AT_MS, MESSAGE_GAP_MS, REGISTER_AT_MS } from '../conversation/timeline';

export interface ConversationMachineInput {
  messages: number;
  /** 0 = never */
  compromiseAfter: number;
  groupMessages: number;
  /** 0 = nobody leaves; else the member leaves after this group message */
  leaveAfter: number;
}

export interface ConversationMachineContext extends ConversationMachineInput {
  /** messages of the 1:1 script sent so far */
  sent: number;
  groupSent: number;
}

export const conversationMachine = setup({
  types: {
    context: {} as ConversationMachineContext,
    input: {} as ConversationMachineInput,
  },
  actions: {
    register: () => {},
    sendMessage: (_, _params: { seq: number }) => {},
    bobComesOnline: () => {},
    stealBobsPhone: (_, _params: { afterMessage: number }) => {},
    startGroup: () => {},
    sendGroupMessage: (_, _params: { index: number }) => {},
    memberLeaves: (_, _params: { afterMessage: number }) => {},
    countMessage: assign({ sent: ({ context }) => context.sent + 1 }),
    countGroupMessage: assign({ groupSent: ({ context }) => context.groupSent + 1 }),
  },
  guards: {
    moreMessages: ({ context }) => context.sent < context.messages,
    groupDemo: ({ context }) => context.groupMessages > 0,
    moreGroupMessages: ({ context }) => context.groupSent < context.groupMessages,
    leaveNow: ({ context }) => context.leaveAfter > 0 && context.groupSent === context.leaveAfter,
    willCompromise: ({ context }) => context.compromiseAfter > 0 && context.compromiseAfter <= context.messages,
  },
  delays: {
    firstMessage: FIRST_MESSAGE_AT_MS - REGISTER_AT_MS,
    untilBobOnline: BOB_ONLINE_AT_MS - FIRST_MESSAGE_AT_MS,
    gap: MESSAGE_GAP_MS,
    halfGap: MESSAGE_GAP_MS / 2,
    drain: DRAIN_MS,
    theft: ({ context }) => compromiseTimeMs(context.compromiseAfter),
  },
}).createMachine({
  id: 'conversation',
  type: 'parallel',
  context: ({ input }) => ({ ...input, sent: 0, groupSent: 0 }),
  states: {
    chat: {
      initial: 'registering',
      states: {
        registering: {
          entry: 'register',
          after: { firstMessage: 'bobOffline' },
        },
        bobOffline: {
          entry: [{ type: 'sendMessage', params: ({ context }) => ({ seq: context.sent + 1 }) }, 'countMessage'],
          after: { untilBobOnline: 'bobOnline' },
        },
        bobOnline: {
          entry: 'bobComesOnline',
          after: { gap: [{ guard: 'moreMessages', target: 'chatting' }, { target: 'draining' }] },
        },
        chatting: {
          entry: [{ type: 'sendMessage', params: ({ context }) => ({ seq: context.sent + 1 }) }, 'countMessage'],
          after: { gap: [{ guard: 'moreMessages', target: 'chatting', reenter: true }, { target: 'draining' }] },
        },
        draining: {
          after: { drain: [{ guard: 'groupDemo', target: 'group' }, { target: 'done' }] },
        },
        group: {
          entry: 'startGroup',
          after: { gap: 'groupSending' },
        },
        groupSending: {
          entry: [{ type: 'sendGroupMessage', params: ({ context }) => ({ index: context.groupSent + 1 }) }, 'countGroupMessage'],
          after: {
            halfGap: [{ guard: 'leaveNow', target: 'leaving' }, { guard: 'moreGroupMessages', target: 'groupWaiting' }, { target: 'done' }],
          },
        },
        leaving: {
          entry: { type: 'memberLeaves', params: ({ context }) => ({ afterMessage: context.groupSent }) },
          after: { halfGap: [{ guard: 'moreGroupMessages', target: 'groupSending' }, { target: 'done' }] },
        },
        groupWaiting: {
          after: { halfGap: 'groupSending' },
        },
        done: { type: 'final' },
      },
    },
    thief: {
      initial: 'waiting',
      states: {
        waiting: {
          always: [{ guard: 'willCompromise', target: 'watching' }, { target: 'done' }],
        },
        watching: {
          after: { theft: { target: 'done', actions: { type: 'stealBobsPhone', params: ({ context }) => ({ afterMessage: context.compromiseAfter }) } } },
        },
        done: { type: 'final' },
      },
    },
  },
});
