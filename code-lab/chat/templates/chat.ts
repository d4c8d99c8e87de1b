/** What the editor's `./chat` declares (code-lab/chat/generated.ts), for files kept in the repository. */
export type { BackoffEnv, BackoffInput, BackoffPolicy } from '@/simulations/chat/core/backoffPolicy';
