/** Runs in Node read the shipped data files under public/ (simulations/core/assets.ts), as the CLI does. */
import { setAssetReader } from '@/simulations/core/assets';
import { nodeAssetReader } from '@/scripts/sim/public-assets';

setAssetReader(nodeAssetReader());
