/**
 * Data files a lab ships under public/ (e.g. the ABR lab's real network traces), read synchronously
 * because `create` is synchronous. Simulations never do I/O themselves: the host that runs them
 * installs a reader (Node: the public/ folder; the run worker: a same-origin synchronous request;
 * a test: whatever it likes). Without one, readAsset throws and the lab reports the run as refused.
 */
export type AssetReader = (publicPath: string) => string;

let reader: AssetReader | null = null;

export function setAssetReader(next: AssetReader | null): void {
  reader = next;
}

export class AssetUnavailableError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not available here: ${reason}`);
    this.name = 'AssetUnavailableError';
  }
}

/** The text of public/<publicPath> (no leading slash), via the host's reader. */
export function readAsset(publicPath: string): string {
  if (!reader) throw new AssetUnavailableError(publicPath, 'this host installed no asset reader');
  try {
    return reader(publicPath);
  } catch (e) {
    throw new AssetUnavailableError(publicPath, e instanceof Error ? e.message : String(e));
  }
}
