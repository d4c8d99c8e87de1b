// One tus upload: HEAD (offset), PATCH (append, streamed), DELETE (termination), GET (info + server SHA-256).
// POST is accepted only to tunnel PATCH/DELETE (X-HTTP-Method-Override, tus 1.0.0); the override is ignored on
// every other method. Thin: the core in simulations/upload/server does the work.
import { handleUploadRequest } from '@/servers/uploads/nextService';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const OPTIONS = handleUploadRequest;
export const GET = handleUploadRequest;
export const HEAD = handleUploadRequest;
export const PATCH = handleUploadRequest;
export const DELETE = handleUploadRequest;
export const POST = handleUploadRequest;
