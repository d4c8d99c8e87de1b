// tus creation endpoint (POST) + session / (videoId, user) lookup (GET) + discovery (OPTIONS).
// Thin: everything happens in simulations/upload/server (the same core the simulation runs).
import { handleUploadRequest } from '@/servers/uploads/nextService';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const OPTIONS = handleUploadRequest;
export const GET = handleUploadRequest;
export const POST = handleUploadRequest;
