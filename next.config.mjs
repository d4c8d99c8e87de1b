/**
 * Security headers for every response: pages, API routes, static files and error pages. They are set
 * here (not in a server) so they apply however the app is served: `next start`, `next dev`, or a Node
 * server of ours hosting Next's request handler.
 *
 * Content-Security-Policy notes:
 * - script-src needs 'unsafe-inline': the App Router's pages here are prerendered (static), and Next
 *   streams its RSC payload and bootstrap as inline <script> tags. Nonces need a fresh value per request,
 *   so every page would have to be rendered dynamically (Next's CSP guide); hashes of those inline
 *   scripts differ per page and build. Scripts still come only from our own origin (no CDN, no eval).
 * - worker-src 'self' blob: the lab runs in `new Worker(new URL('./run.worker.ts', import.meta.url))`,
 *   a same-origin chunk; Monaco's workers (later) are bundled the same way.
 * - style-src 'unsafe-inline': React and Next set inline `style` attributes (and Monaco injects <style>).
 * - 'unsafe-eval' only under `next dev`, where React rebuilds server error stacks with eval.
 * - connect-src 'self' also allows `next dev`'s same-origin HMR websocket (CSP3 'self' covers ws:).
 */
const isDev = process.env.NODE_ENV === 'development';

export const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Browser features the app never uses (clipboard stays allowed: the share link copies itself). */
export const permissionsPolicy = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'browsing-topics=()',
].join(', ');

/**
 * The policy of the bundled scripts under /_next/static/: a dedicated worker runs under the CSP of its
 * own script's response (CSP3 §4.2.1), and the code lab's sandbox worker compiles QuickJS's
 * WebAssembly, which needs 'wasm-unsafe-eval' (WebAssembly only: JavaScript eval stays blocked).
 * Pages keep the strict policy above.
 */
export const workerScriptPolicy = contentSecurityPolicy.replace("script-src 'self' 'unsafe-inline'", "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'");

/** The headers every response carries (tests/e2e/headers.e2e.ts checks them). */
export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // mdx-bundler (and the native esbuild it loads) must be required from node_modules at build
  // time, never bundled into the server graph.
  serverExternalPackages: ['mdx-bundler', 'esbuild'],
  poweredByHeader: false,
  // `npm test` runs `tsc --noEmit` over the whole project just before building and sets this, so the
  // build does not type-check a second time. `npm start` and plain `next build` still type-check.
  typescript: { ignoreBuildErrors: process.env.SDLAB_TYPES_CHECKED === '1' },
  reactStrictMode: true,
  async headers() {
    // (later rules override earlier ones for the same header: the static scripts get the worker policy)
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/_next/static/:path*', headers: [{ key: 'Content-Security-Policy', value: workerScriptPolicy }] },
    ];
  },
};

export default nextConfig;
