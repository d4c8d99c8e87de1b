import type { Preset } from '../../core/lab';
import type { LiveLatencyParams } from './schema';

export const liveLatencyPresets: Preset<LiveLatencyParams>[] = [
  {
    id: 'hls-6s',
    title: 'HLS, 6 s segments',
    story: 'The classic default: the player starts 3 target durations (18 s) behind the end of the playlist, and that playlist was already half a segment old. About 23 s glass to glass, almost all of it hold-back.',
    params: { delivery: 'hls', segmentS: 6, holdBackSegments: 3 },
  },
  {
    id: 'hls-2s',
    title: 'HLS, 2 s segments',
    story: 'Same rules, shorter segments: 3 × 2 s of hold-back and about 8 s glass to glass, at the price of three times the requests.',
    params: { delivery: 'hls', segmentS: 2, holdBackSegments: 3 },
  },
  {
    id: 'll-hls',
    title: 'LL-HLS: 0.5 s parts, blocking reload',
    story: 'Parts of 0.5 s announced by blocking playlist reloads and fetched through preload hints: PART-HOLD-BACK 1.5 s and about 2.3 s glass to glass, for 4 requests a second per viewer.',
    params: { delivery: 'll-hls', segmentS: 4, partS: 0.5, gopS: 1, partHoldBackParts: 3, encoderLookaheadMs: 100, playlistTtlS: 0 },
  },
  {
    id: 'll-hls-short-hold',
    title: 'LL-HLS with too little hold-back',
    story: 'PART-HOLD-BACK of one part breaks the MUST (≥ 2 × PART-TARGET): with 150 ms of mean jitter, parts keep arriving after their playout time and every stall pushes latency up.',
    params: { delivery: 'll-hls', segmentS: 4, partS: 0.5, gopS: 1, partHoldBackParts: 1, encoderLookaheadMs: 100, playlistTtlS: 0, jitterMs: 150 },
  },
  {
    id: 'dash',
    title: 'MPEG-DASH, 4 s segments',
    story: 'No playlist polling: the player computes which segment exists from the MPD clock, and dash.js holds back 4 segments (16 s). About 17 s glass to glass.',
    params: { delivery: 'dash', segmentS: 4, holdBackSegments: 4 },
  },
  {
    id: 'll-dash',
    title: 'LL-DASH: chunked CMAF',
    story: 'One request per 4 s segment, its 0.5 s CMAF chunks streamed as they are encoded (availabilityTimeOffset): about 2 s with half the requests of LL-HLS.',
    params: { delivery: 'll-dash', segmentS: 4, partS: 0.5, gopS: 1, partHoldBackParts: 3, encoderLookaheadMs: 100 },
  },
  {
    id: 'webrtc',
    title: 'WebRTC (WHIP in, SFU out)',
    story: 'No segments, no hold-back beyond an 80 ms jitter buffer: about 0.3 s glass to glass. Frames later than the buffer are concealed, never waited for.',
    params: { delivery: 'webrtc', ingest: 'whip', encoderLookaheadMs: 0, jitterBufferMs: 80, jitterMs: 15 },
  },
  {
    id: 'srt-to-hls',
    title: 'SRT over a lossy long-haul link → HLS',
    story: '200 ms RTT and 2 % loss: SRT with a 4 × RTT latency window recovers almost every packet and adds a constant 0.8 s. Compare “RTMP over the same link”.',
    params: { ingest: 'srt', rttMs: 200, lossPercent: 2, srtLatencyMs: 800, delivery: 'hls', segmentS: 2 },
  },
  {
    id: 'rtmp-lossy',
    title: 'RTMP over the same lossy link',
    story: 'TCP under 2 % loss at 200 ms RTT carries about 0.5 Mbit/s (Mathis): far below the 4 Mbit/s stream, so the encoder falls further behind every second. Head-of-line blocking is the small part.',
    params: { ingest: 'rtmp', rttMs: 200, lossPercent: 2, delivery: 'hls', segmentS: 2 },
  },
  {
    id: 'youtube-rtmps',
    title: 'YouTube ingest: RTMPS',
    story: 'RTMP inside TLS: the same latency as RTMP (encryption costs a handshake, not delay) and YouTube’s path to low and ultra-low latency. H.264 only.',
    params: { ingest: 'rtmps', delivery: 'hls', segmentS: 2, rttMs: 40 },
  },
  {
    id: 'youtube-hls-ingest',
    title: 'YouTube ingest: HLS push',
    story: 'The encoder uploads whole 2 s segments over HTTPS (HEVC and HDR allowed), so every segment first waits to be finished and uploaded: why YouTube offers no ultra-low latency over HLS ingest.',
    params: { ingest: 'hls-push', ingestSegmentS: 2, delivery: 'hls', segmentS: 2, rttMs: 40 },
  },
];
