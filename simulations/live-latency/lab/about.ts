/** What the live-latency lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const liveLatencyAbout = {
  id: 'live-latency',
  title: 'Where does live latency go?',
  summary:
    'Glass to glass on virtual time: encoder, RTMP/SRT/WebRTC first mile, packager, CDN, player hold-back. Compare HLS, LL-HLS, DASH, LL-DASH and WebRTC with the budget, the timeline, stalls under jitter and the real manifests.',
  topic: 'Streaming protocols',
} as const;
