// Child process for bench/upload.ts: the reference implementation, @tus/server + @tus/file-store.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [directory] = process.argv.slice(2);
const tus = new Server({ path: '/files', datastore: new FileStore({ directory }), maxSize: 4 * 1024 ** 3 });
const server = http.createServer((req, res) => void tus.handle(req, res));
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));

// Same memory probe as our serve.ts, so the bench can put our memory figure next to the reference's.
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20).unref();
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'reset-peak') peak = process.memoryUsage().rss;
  process.send?.({ type: 'memory', peak, now: process.memoryUsage().rss });
});
