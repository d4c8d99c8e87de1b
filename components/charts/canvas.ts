/**
 * Shared plumbing for canvas pictures (the chat topology, the Kafka cluster): the drawing calls they
 * use (so tests can pass a recording fake), crisp sizing on high-DPI screens, and colours read from
 * the theme's CSS variables so light/dark themes apply.
 */

export type DrawingContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'globalAlpha'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'clearRect'
  | 'fillRect'
  | 'strokeRect'
  | 'beginPath'
  | 'rect'
  | 'arc'
  | 'moveTo'
  | 'lineTo'
  | 'closePath'
  | 'fill'
  | 'stroke'
  | 'fillText'
  | 'setLineDash'
>;

/**
 * Size the canvas backing store for the device pixel ratio (capped at 2) and scale the context so
 * drawing code works in CSS pixels. Returns null when no 2D context is available.
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const pw = Math.round(width * dpr);
  const ph = Math.round(height * dpr);
  if (canvas.width !== pw) canvas.width = pw;
  if (canvas.height !== ph) canvas.height = ph;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return ctx;
}

/** What the palette's CSS variables depend on: the theme attribute and the system colour scheme. */
function themeKey(): string {
  const html = document.documentElement;
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  return `${html.getAttribute('data-theme') ?? ''}|${dark}`;
}

const palettes = new WeakMap<Element, { key: string; palette: unknown }>();

/**
 * A palette whose entries come from CSS custom properties on `el`, falling back to `defaults`.
 * LOUD: read once per element and theme, not per draw: getComputedStyle forces a style recalculation,
 * and canvas views draw every frame.
 */
export function readCssPalette<P extends { [K in keyof P]: string }>(el: Element, defaults: P, vars: Record<keyof P, string>): P {
  const key = themeKey();
  const cached = palettes.get(el);
  if (cached && cached.key === key) return cached.palette as P;
  const palette = readPaletteNow(el, defaults, vars);
  palettes.set(el, { key, palette });
  return palette;
}

function readPaletteNow<P extends { [K in keyof P]: string }>(el: Element, defaults: P, vars: Record<keyof P, string>): P {
  const style = getComputedStyle(el);
  const out = { ...defaults };
  for (const key of Object.keys(vars) as (keyof P)[]) {
    const v = style.getPropertyValue(vars[key]).trim();
    if (v) out[key] = v as P[keyof P];
  }
  return out;
}
