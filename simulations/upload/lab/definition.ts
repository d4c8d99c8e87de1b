/** The upload lab's LabDefinition, assembled from the files beside it. */
import { defineLab } from '../../core/lab';
import { uploadAbout } from './about';
import { uploadSchema } from './schema';
import { uploadPresets } from './presets';
import { create, type UploadModel } from './model';
import { result, type UploadResult } from './result';
import type { UploadSeriesName, UploadSimEvent } from './series';
import { estimateUpload } from './budget';
import { uploadCaption } from './caption';

/** The chunk-size sweep: one companion run per size (MiB), the rest of the params unchanged. */
export const SWEEP_CHUNKS_MIB = [0.25, 0.5, 1, 2, 4, 8, 16];

export const uploadLab = defineLab<typeof uploadSchema, UploadModel, UploadResult, UploadSimEvent, UploadSeriesName>({
  ...uploadAbout,
  schema: uploadSchema,
  presets: uploadPresets,
  horizonMs: (p) => p['run.horizonS'] * 1000,
  create,
  result: (m) => result(m),
  caption: uploadCaption,
  budget: { estimate: estimateUpload },
  // the same run (seed, link, outages) once per chunk size: tus and GCS only, one tab
  companions: (params) =>
    SWEEP_CHUNKS_MIB.map((chunkMiB) => ({
      key: `chunk-${chunkMiB}`,
      label: `${chunkMiB} MiB chunks`,
      params: { ...params, 'client.chunkMiB': chunkMiB, 'compare.plainPost': false, 'tabs.count': 1 },
    })),
});
