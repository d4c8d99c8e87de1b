/**
 * What the upload client needs from HTTP. The browser passes a fetch-based transport
 * (components/labs/upload/parts/fetchTransport.ts); the simulation passes its simulated network. Callbacks, not promises, so a
 * simulated response is delivered inside the scheduler event at its exact virtual time.
 */
import type { Step } from '../server/flow';

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface HttpResponseData {
  status: number;
  /** lower-case names */
  headers: Record<string, string>;
  body: string;
}

export interface TransportCallbacks {
  onProgress?(bytesSent: number): void;
  onResponse(response: HttpResponseData): void;
  onError(error: Error): void;
}

export interface HttpTransport {
  send(request: HttpRequestSpec, callbacks: TransportCallbacks): { abort(): void };
}

/** The file being uploaded: a browser File, or simulated bytes. */
export interface FileSource {
  size: number;
  read(offset: number, length: number): Step<Uint8Array>;
}

/** Where the client remembers upload URLs across reloads (localStorage in the browser). */
export interface UrlStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export class MemoryUrlStorage implements UrlStorage {
  readonly map = new Map<string, string>();
  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
  remove(key: string): void {
    this.map.delete(key);
  }
}

/** The persistence key: (file hash, user). */
export function uploadUrlKey(videoId: string, userId: string): string {
  return `upload-url:${videoId}:${userId}`;
}

export function fileFromBytes(bytes: Uint8Array): FileSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}
