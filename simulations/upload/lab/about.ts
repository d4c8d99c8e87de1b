/** The upload lab's identity: data only (the lab's placeholder imports it before the simulation loads). */
export const uploadAbout = {
  id: 'upload',
  title: 'Resumable uploads',
  summary: 'A real tus server core behind a lossy uplink: hash the video, upload in chunks, lose the connection, resume from the committed offset; compared with a single POST and the YouTube/GCS protocol.',
  topic: 'Uploads',
} as const;
