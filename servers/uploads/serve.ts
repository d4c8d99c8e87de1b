/**
 * NODE ONLY. Standalone upload server (no Next): `npx tsx servers/uploads/serve.ts <dataDir> [port]`.
 * Prints `listening <port>`. Under an IPC channel it answers {type:'memory'} with its peak RSS, sampled
 * every 20 ms (the bench uses this to measure memory growth during a 1 GiB upload).
 */
import { createUploadHttpServer } from './httpServer';

const [dataDir = './data/uploads', port = '0'] = process.argv.slice(2);
const server = await createUploadHttpServer({ dataDir, port: Number(port) });
const baseline = process.memoryUsage().rss;
let peak = baseline;
let peakHeap = 0;
let peakBuffers = 0;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  peak = Math.max(peak, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
}, 20);
sampler.unref();
process.on('message', (m: { type?: string }) => {
  const now = process.memoryUsage();
  if (m?.type === 'reset-peak') {
    peak = now.rss;
    peakHeap = now.heapUsed;
    peakBuffers = now.arrayBuffers;
  }
  if (m?.type === 'memory' || m?.type === 'reset-peak') {
    process.send?.({ type: 'memory', baseline, peak, now: now.rss, peakHeap, heapNow: now.heapUsed, peakBuffers, buffersNow: now.arrayBuffers });
  }
});
process.stdout.write(`listening ${server.port}\n`);
