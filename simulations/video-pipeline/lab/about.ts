/** What the video pipeline lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const videoPipelineAbout = {
  id: 'video-pipeline',
  title: 'From upload to first play: transcoding and delivery',
  summary: 'Cut an upload into GOP-aligned chunks, encode a fixed or per-title ladder on W workers, publish the lowest rung first, then price the storage, the egress and the edge appliances, and press play.',
  topic: 'Video streaming',
} as const;
