export { uploadLab, SWEEP_CHUNKS_MIB } from './lab/definition';
export { uploadAbout } from './lab/about';
export { uploadPresets } from './lab/presets';
export { uploadSchema, type Outage, type UploadParams } from './lab/schema';
export type { LaneId, UploadSeriesName, UploadSimEvent } from './lab/series';
export type { UploadModel } from './lab/model';
export { chunkTradeoffRowOf, type ChunkTradeoffRow, type LaneResult, type UploadResult } from './lab/result';
// the tus client the browser runs for real (the uploads lab's real mode), with its ports
export { uploadMachine, type UploadContext, type UploadMachine } from './machines/uploadMachine';
export { uploadUrlKey, type FileSource, type HttpRequestSpec, type HttpTransport, type TransportCallbacks, type UrlStorage } from './client/transport';
export type { BackoffPolicy } from './client/backoff';
