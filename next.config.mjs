/** @type {import('next').NextConfig} */
const nextConfig = {
  // mdx-bundler (and the native esbuild it loads) must be required from node_modules at build
  // time, never bundled into the server graph.
  serverExternalPackages: ['mdx-bundler', 'esbuild'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
