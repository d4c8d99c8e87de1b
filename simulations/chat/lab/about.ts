/** The chat lab's identity: data only (the lab's placeholder imports it before the simulation loads). */
export const chatAbout = {
  id: 'chat',
  title: 'Chat at scale: connections and fan-out',
  summary:
    'Millions of phones on persistent connections: gateways and their memory, a session registry, fan-out on write vs read, presence, offline queues, receipts, heartbeats and the reconnect storm after a server dies.',
  topic: 'Chat systems',
} as const;
