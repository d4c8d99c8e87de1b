// Types for what servers/app imports from next.config.mjs (the headers every response carries).
import type { NextConfig } from 'next';
export declare const contentSecurityPolicy: string;
export declare const permissionsPolicy: string;
export declare const securityHeaders: { key: string; value: string }[];
declare const nextConfig: NextConfig;
export default nextConfig;
export declare const workerScriptPolicy: string;
