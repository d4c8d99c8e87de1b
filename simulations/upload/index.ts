export { uploadLab, uploadSchema, type UploadParams, type UploadResult, type UploadSimEvent, type UploadModel } from './lab';
