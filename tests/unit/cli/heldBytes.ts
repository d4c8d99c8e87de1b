/**
 * What a run holds, in bytes, by walking its object graph with V8's layout on 64-bit (no pointer
 * compression, as Node ships): typed arrays their buffer, arrays 16 + 8 per slot, objects 24 + 8
 * per own property, strings 16 + their length, boxed numbers 16. Shared objects count once.
 * Closures and the scheduler's queue are not walked (their handlers are functions), so this is the
 * data a lab keeps: the measure its budget's `bytes` must bound.
 */
export function heldBytes(...roots: unknown[]): number {
  const seen = new Set<object>();
  const buffers = new Set<ArrayBufferLike>();
  let total = 0;
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      total += 16 + v.length;
      continue;
    }
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) total += 16;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (!buffers.has(v.buffer)) {
        buffers.add(v.buffer);
        total += 64 + v.buffer.byteLength;
      }
      continue;
    }
    if (Array.isArray(v)) {
      total += 16 + 8 * v.length;
      for (const x of v) stack.push(x);
      continue;
    }
    if (v instanceof Map) {
      total += 64 + 24 * v.size;
      for (const [k, x] of v) stack.push(k, x);
      continue;
    }
    if (v instanceof Set) {
      total += 64 + 16 * v.size;
      for (const x of v) stack.push(x);
      continue;
    }
    const keys = Object.keys(v);
    total += 24 + 8 * keys.length;
    for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
  }
  return total;
}
