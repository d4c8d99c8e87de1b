/**
 * NODE ONLY. One chat gateway: holds WebSocket connections (`ws`), authenticates each device by its
 * signed token before the upgrade, heartbeats (closes a peer silent for `deadPeerTimeoutMs`), and
 * routes through the store (`store.ts`): register on connect with a fresh epoch, replay the sync log
 * on `sync`, route `send` and acknowledge it once stored, forward delivered/read cursors, and write
 * deliveries the bus hands it to its own sockets.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES, parseClientFrame, type ClientFrame } from './protocol';
import { messageFrame, type ChatStore, type Deliveries } from './store';
import type { DeviceTokens } from './token';

export interface GatewayOptions {
  id: number;
  port?: number;
  store: ChatStore;
  tokens: DeviceTokens;
  heartbeatMs: number;
  deadPeerTimeoutMs: number;
  /** entries per replay/scan page */
  replayPage?: number;
}

interface Connection {
  user: string;
  device: string;
  key: string;
  ws: WebSocket;
  epoch: number;
  lastPingAt: number;
  queue: Promise<void>;
  closed: boolean;
}

export interface GatewayStats {
  id: number;
  connections: number;
  accepted: number;
  rejectedAuth: number;
  closedDeadPeer: number;
  framesIn: number;
  messagesOut: number;
  sendsRouted: number;
  sendsRefused: number;
}

export interface Gateway {
  readonly port: number;
  stats(): GatewayStats;
  close(): Promise<void>;
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { id, store, tokens } = opts;
  const page = opts.replayPage ?? 500;
  const local = new Map<string, Connection>();
  const heartbeats = new Map<string, [string, string, number]>();
  const stats: GatewayStats = { id, connections: 0, accepted: 0, rejectedAuth: 0, closedDeadPeer: 0, framesIn: 0, messagesOut: 0, sendsRouted: 0, sendsRefused: 0 };

  const send = (c: Connection, text: string) => {
    if (!c.closed) c.ws.send(text);
  };

  await store.subscribe(id, (d: Deliveries) => {
    for (const [user, device, seq] of d.to) {
      const c = local.get(`${user}/${device}`);
      if (!c || c.epoch === 0) continue;
      send(c, messageFrame(d.entry, seq));
      stats.messagesOut++;
    }
  });

  const handle = async (c: Connection, f: ClientFrame): Promise<void> => {
    switch (f.t) {
      case 'ping':
        c.lastPingAt = Date.now();
        heartbeats.set(c.key, [c.user, c.device, c.epoch]);
        send(c, `{"t":"pong","head":${await store.head(c.user)}}`);
        return;
      case 'send': {
        const r = await store.route({ user: c.user, device: c.device, conv: f.conv, id: f.id, body: f.body, at: Date.now() });
        if (r.ok) {
          stats.sendsRouted++;
          send(c, JSON.stringify({ t: 'sent', id: f.id, conv: f.conv, cseq: r.cseq }));
        } else {
          stats.sendsRefused++;
          send(c, JSON.stringify({ t: 'error', id: f.id, reason: r.reason }));
        }
        return;
      }
      case 'ack':
        await store.ack(c.user, c.device, f.seq);
        return;
      case 'read':
        await store.read(f.conv, c.user, f.cseq);
        return;
      case 'sync': {
        const { entries, head } = await store.replay(c.user, f.seq, page);
        for (const e of entries) send(c, `{"t":"msg","replay":true,${e.slice(1)}`);
        stats.messagesOut += entries.length;
        let more = entries.length === page;
        for (const [conv, after] of Object.entries(f.convs)) {
          const rows = await store.scan(conv, c.user, after, page);
          for (const e of rows) send(c, `{"t":"msg","replay":true,${e}`);
          stats.messagesOut += rows.length;
          more ||= rows.length === page;
        }
        // more: a page was full, sync again from the new cursors
        send(c, `{"t":"synced","head":${head},"more":${more}}`);
        return;
      }
    }
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('chat gateway: connect with a WebSocket and ?token=<device token>\n');
  });
  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const token = new URL(req.url ?? '/', 'http://gateway').searchParams.get('token');
    const identity = tokens.verify(token);
    if (!identity) {
      stats.rejectedAuth++;
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\ninvalid or expired device token\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c: Connection = { user: identity.user, device: identity.device, key: `${identity.user}/${identity.device}`, ws, epoch: 0, lastPingAt: Date.now(), queue: Promise.resolve(), closed: false };
      stats.accepted++;
      ws.on('message', (data, isBinary) => {
        stats.framesIn++;
        if (isBinary) return send(c, '{"t":"error","reason":"frames are JSON text"}');
        const f = parseClientFrame(data.toString());
        if ('error' in f) return send(c, JSON.stringify({ t: 'error', reason: f.error }));
        // frames of one connection are handled in order (a device's sends keep their order)
        c.queue = c.queue.then(() => (c.closed ? undefined : handle(c, f))).catch(() => {
          if (f.t === 'send') send(c, JSON.stringify({ t: 'error', id: f.id, reason: 'store unavailable, resend later' }));
        });
      });
      ws.on('close', () => {
        c.closed = true;
        heartbeats.delete(c.key);
        if (local.get(c.key) === c) local.delete(c.key);
        if (c.epoch > 0) store.unregister(c.user, c.device, id, c.epoch).catch(() => {});
      });
      ws.on('error', () => {});
      const previous = local.get(c.key);
      if (previous) previous.ws.close(4000, 'replaced by a newer connection of this device');
      local.set(c.key, c);
      // frames wait for the registration (register before any replay: a message routed meanwhile is
      // either published to this gateway or already in the log the replay reads)
      c.queue = store.register(c.user, c.device, id).then(
        (epoch) => {
          if (c.closed) return void store.unregister(c.user, c.device, id, epoch).catch(() => {});
          c.epoch = epoch;
          send(c, JSON.stringify({ t: 'welcome', gateway: id, user: c.user, device: c.device, heartbeatMs: opts.heartbeatMs }));
        },
        () => {
          c.closed = true;
          ws.close(1013, 'store unavailable, try again later');
        },
      );
    });
  });

  const timer = setInterval(() => {
    const now = Date.now();
    for (const c of local.values()) {
      if (now - c.lastPingAt > opts.deadPeerTimeoutMs) {
        stats.closedDeadPeer++;
        c.ws.terminate();
      }
    }
    if (heartbeats.size) {
      const batch = [...heartbeats.values()];
      heartbeats.clear();
      store.heartbeat(id, batch).catch(() => {});
    }
  }, 1000);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });

  return {
    port: (http.address() as AddressInfo).port,
    stats: () => ({ ...stats, connections: local.size }),
    close: async () => {
      clearInterval(timer);
      for (const c of local.values()) c.ws.terminate();
      wss.close();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
