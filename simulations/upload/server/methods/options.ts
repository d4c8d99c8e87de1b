/** tus discovery: OPTIONS lists the version, the extensions, the size limit and the checksum algorithms. */
import { CHECKSUM_ALGORITHMS, EXTENSIONS, TUS_VERSION } from '../protocol';
import type { Reply, TusContext } from '../context';

export function options(ctx: Pick<TusContext, 'maxSize'>): Reply {
  return {
    status: 204,
    headers: {
      'Tus-Resumable': TUS_VERSION,
      'Tus-Version': TUS_VERSION,
      'Tus-Extension': EXTENSIONS.join(','),
      'Tus-Max-Size': String(ctx.maxSize),
      'Tus-Checksum-Algorithm': CHECKSUM_ALGORITHMS.join(','),
    },
  };
}
