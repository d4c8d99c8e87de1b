/**
 * The browser's asset reader for simulations (simulations/core/assets.ts): a SYNCHRONOUS same-origin
 * request for a file under public/. LOUD: only ever install it in a Web Worker (synchronous requests
 * are deprecated on the main thread, where they freeze the page); `create` is synchronous, and each
 * file is read once per worker (the lab keeps what it parsed).
 */
import type { AssetReader } from '@/simulations/core/assets';

export function sameOriginAssetReader(origin: string): AssetReader {
  return (publicPath) => {
    const request = new XMLHttpRequest();
    request.open('GET', new URL(`/${publicPath}`, origin).href, false);
    request.send();
    if (request.status !== 200) throw new Error(`HTTP ${request.status} for /${publicPath}`);
    return request.responseText;
  };
}
