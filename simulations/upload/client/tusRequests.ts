/** tus 1.0.0 requests the client sends, and readers for the answers. Plain functions. */
import { encodeBase64, OFFSET_CONTENT_TYPE, TUS_VERSION } from '../server/protocol';
import type { HttpRequestSpec, HttpResponseData } from './transport';

const TUS = { 'Tus-Resumable': TUS_VERSION };

export function lookupRequest(endpoint: string, videoId: string): HttpRequestSpec {
  return { method: 'GET', url: `${endpoint}?videoId=${encodeURIComponent(videoId)}`, headers: {} };
}

export function createRequest(endpoint: string, length: number, metadata: Record<string, string>): HttpRequestSpec {
  const meta = Object.entries(metadata)
    .map(([k, v]) => `${k} ${encodeBase64(new TextEncoder().encode(v))}`)
    .join(',');
  return { method: 'POST', url: endpoint, headers: { ...TUS, 'Upload-Length': String(length), 'Upload-Metadata': meta } };
}

export function headRequest(url: string): HttpRequestSpec {
  return { method: 'HEAD', url, headers: { ...TUS } };
}

export function patchRequest(url: string, offset: number): HttpRequestSpec {
  return { method: 'PATCH', url, headers: { ...TUS, 'Content-Type': OFFSET_CONTENT_TYPE, 'Upload-Offset': String(offset) } };
}

export function infoRequest(url: string): HttpRequestSpec {
  return { method: 'GET', url, headers: {} };
}

export function offsetOf(r: HttpResponseData): number | null {
  const v = r.headers['upload-offset'];
  return v !== undefined && /^[0-9]{1,16}$/.test(v) ? Number(v) : null;
}

export function location(r: HttpResponseData): string | null {
  return r.headers['location'] ?? null;
}

export function lookupResult(r: HttpResponseData): { uploadUrl: string; state: string; offset: number } | null {
  try {
    const v = JSON.parse(r.body) as { uploadUrl?: unknown; state?: unknown; offset?: unknown };
    return typeof v.uploadUrl === 'string' && typeof v.state === 'string' ? { uploadUrl: v.uploadUrl, state: v.state, offset: Number(v.offset) } : null;
  } catch {
    return null;
  }
}

export function infoResult(r: HttpResponseData): { sha256: string | null; state: string } | null {
  try {
    const v = JSON.parse(r.body) as { sha256?: unknown; state?: unknown };
    return { sha256: typeof v.sha256 === 'string' ? v.sha256 : null, state: String(v.state) };
  } catch {
    return null;
  }
}

/** Client errors that retrying cannot fix (tus-js-client's rule: 4xx except 409/423, plus 408/429 which are transient). */
export function isFatal(status: number): boolean {
  return status >= 400 && status < 500 && ![404, 408, 409, 410, 423, 429].includes(status);
}

export function describe(r: HttpResponseData): string {
  return `HTTP ${r.status}${r.body ? `: ${r.body.slice(0, 200)}` : ''}`;
}
