// The real chat cluster's figures for the chat lab's Real cluster tab ({running: false} without one).
import { chatClusterStatus } from '@/servers/chat/appEndpoint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = () => chatClusterStatus();
