// Fault buttons of the chat lab's Real cluster tab, forwarded to the cluster's control endpoint.
import { chatClusterFault } from '@/servers/chat/appEndpoint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = (req: Request) => chatClusterFault(req);
