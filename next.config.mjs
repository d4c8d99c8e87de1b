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
};

export default nextConfig;
