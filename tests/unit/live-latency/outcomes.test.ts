/**
 * The checkable outcomes of research/other-topics.md §1.6, on the live-latency lab.
 */
import { describe, expect, it } from 'vitest';
import { Parser } from 'm3u8-parser';
import { parse as parseMpd } from 'mpd-parser';
import {
  checkHlsPlaylist,
  dashMpd,
  defaultHoldBack,
  hlsMediaPlaylist,
  latencyBudget,
  lateProbability,
  requestRates,
  streamConfig,
  STREAM_EPOCH_MS,
  targetDurationS,
} from '@/simulations/live-latency';
import { FIXED, params, presetParams, run } from './support';

function parseHls(text: string, warnings: string[] = []) {
  const p = new Parser();
  p.on('warn', (e) => warnings.push(e.message));
  p.push(text);
  p.end();
  return p.manifest;
}

describe('§1.6 (1): classic HLS with polling, fixed delays', () => {
  // t_enc = lookahead + one frame; t_fm = rtt/2 (RTMP); t_cdn; t_dl = rtt + B/bw; t_dec
  const closedForm = (D: number, N: number, phase: number, p = params({ ...FIXED, segmentS: D, gopS: D, holdBackSegments: N, joinPhase: phase })) =>
    p.encoderLookaheadMs / 1000 + 1 / 30 + p.rttMs / 2000 + phase * D + p.viewerRttMs / 2000 + p.cdnFillMs / 1000 + N * D + (p.viewerRttMs / 1000 + (p.bitrateKbps * D) / 1000 / p.viewerMbps) + p.decodeMs / 1000;

  it.each([
    [6, 3, 0.5],
    [2, 3, 0.25],
    [4, 5, 0.9],
    [1, 3, 0],
  ])('D = %s s, N = %s, join phase %s: simulated latency = t_enc + t_fm + φ·D + rtt/2 + t_cdn + N·D + t_dl + t_dec exactly', (D, N, phase) => {
    const { result } = run({ ...FIXED, segmentS: D, gopS: D, holdBackSegments: N, joinPhase: phase, durationS: 200 });
    const expected = closedForm(D, N, phase);
    expect(result.latency.startS).toBeCloseTo(expected, 9);
    expect(result.budget.totalS).toBeCloseTo(expected, 3);
    // fixed delays: the latency never moves, nothing stalls
    expect(result.latency.maxS).toBeCloseTo(expected, 9);
    expect(result.stalls.count).toBe(0);
  });

  it('averaged over join times the discovery term is D/2: D = 6 s, N = 3 gives about 22.7 s (the published 6–30 s range)', () => {
    const phases = Array.from({ length: 20 }, (_, i) => (i + 0.5) / 20);
    const mean = phases.reduce((s, phase) => s + run({ ...FIXED, segmentS: 6, holdBackSegments: 3, joinPhase: phase, durationS: 120 }).result.latency.startS!, 0) / phases.length;
    expect(mean).toBeCloseTo(closedForm(6, 3, 0.5), 9);
    expect(mean).toBeGreaterThan(20);
    expect(mean).toBeLessThan(25);
    const twoSecond = closedForm(2, 3, 0.5);
    expect(twoSecond).toBeGreaterThan(7);
    expect(twoSecond).toBeLessThan(10);
  });

  it('a cached playlist (TTL) adds its expected staleness: the budget is the mean over edge refresh phases (40 seeds, within 2 %)', () => {
    const overrides = { jitterMs: 0, lossPercent: 0, segmentS: 2, playlistTtlS: 3, joinPhase: 0.3, durationS: 60 } as const;
    const budget = run(overrides).result.budget.totalS;
    let sum = 0;
    for (let seed = 1; seed <= 40; seed++) sum += run(overrides, seed).result.latency.startS!;
    expect(Math.abs(sum / 40 - budget) / budget).toBeLessThan(0.02);
  });

  it('every delivery mode reproduces its closed-form budget exactly under fixed delays', () => {
    for (const id of ['hls-6s', 'hls-2s', 'll-hls', 'dash', 'll-dash', 'youtube-rtmps', 'srt-to-hls']) {
      const p = { ...presetParams(id), ...FIXED, lossPercent: 0 };
      const { result } = run(p);
      expect(result.latency.startS, id).toBeCloseTo(result.budget.totalS, 3);
    }
    const webrtc = run({ ...presetParams('webrtc'), jitterMs: 0 }).result;
    expect(webrtc.latency.meanS).toBeCloseTo(webrtc.budget.totalS, 3);
    expect(webrtc.budget.totalS).toBeLessThan(0.5);
  });
});

describe('§1.6 (2): the generated media playlist parses back with m3u8-parser', () => {
  it.each([
    ['6 s segments', { segmentS: 6 }],
    ['2.5 s segments (target duration rounds to 3)', { segmentS: 2.5, gopS: 0.5 }],
    ['segments stretched to the 4 s GOP', { segmentS: 3, gopS: 4 }],
    ['LL-HLS 4 s / 0.3 s parts', { delivery: 'll-hls', segmentS: 4, partS: 0.3, gopS: 1 }],
  ] as const)('%s: same TARGETDURATION, MEDIA-SEQUENCE and segment count; every EXTINF rounds to ≤ TARGETDURATION', (_, overrides) => {
    const { result } = run({ ...overrides, durationS: 150 });
    const text = result.hlsPlaylist!;
    const emitted = {
      targetDuration: Number(/#EXT-X-TARGETDURATION:(\d+)/.exec(text)![1]),
      mediaSequence: Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)![1]),
      segments: text.split('\n').filter((l) => l.startsWith('#EXTINF:')).length,
    };
    const m = parseHls(text);
    expect(m.targetDuration).toBe(emitted.targetDuration);
    expect(m.mediaSequence).toBe(emitted.mediaSequence);
    expect(m.segments.length).toBe(emitted.segments);
    expect(m.segments.length).toBeGreaterThanOrEqual(6);
    for (const s of m.segments) expect(Math.round(s.duration)).toBeLessThanOrEqual(m.targetDuration!);
    const facts = { targetDuration: m.targetDuration!, segmentDurations: m.segments.map((s) => s.duration) };
    expect(checkHlsPlaylist(facts).find((c) => c.id === 'target-duration')!.status).toBe('pass');
    expect(m.targetDuration).toBe(targetDurationS(streamConfig(params(overrides))));
  });

  it('a target duration below a rounded EXTINF fails the rule', () => {
    expect(checkHlsPlaylist({ targetDuration: 6, segmentDurations: [6, 6.6] }).find((c) => c.id === 'target-duration')!.status).toBe('fail');
    expect(checkHlsPlaylist({ targetDuration: 6, segmentDurations: [6.4] }).find((c) => c.id === 'target-duration')!.status).toBe('pass');
  });

  it('LL-HLS tags: server control, part target, parts per segment and the preload hint', () => {
    const { result } = run({ ...presetParams('ll-hls'), durationS: 90 });
    const m = parseHls(result.hlsPlaylist!);
    expect(m.serverControl!.canBlockReload).toBe(true);
    expect(m.serverControl!.partHoldBack).toBe(1.5);
    expect(m.partInf!.partTarget).toBe(0.5);
    const withParts = m.segments.filter((s) => s.parts);
    expect(withParts.length).toBeGreaterThan(0);
    for (const s of withParts) expect(s.parts!.reduce((sum, p) => sum + p.duration, 0)).toBeCloseTo(s.duration, 6);
    expect(m.preloadSegment!.preloadHints![0].type).toBe('PART');
    // the playlist is a real snapshot: the hinted part is the next one the origin will publish
    const published = result.hlsPlaylist!.split('\n').filter((l) => l.startsWith('#EXT-X-PART:')).length;
    expect(published).toBeGreaterThan(0);
  });
});

describe('§1.6 (3): the LL validator and the default HOLD-BACK', () => {
  const ll = (parts: number) =>
    checkHlsPlaylist({ targetDuration: 4, segmentDurations: [4], partTarget: 0.5, partDurations: [0.5], partHoldBack: parts * 0.5 }).find((c) => c.id === 'part-hold-back')!.status;

  it('fails below 2 × PART-TARGET, warns below 3 ×, passes at 3 ×', () => {
    expect(ll(1.5)).toBe('fail');
    expect(ll(1.99)).toBe('fail');
    expect(ll(2)).toBe('warn');
    expect(ll(2.5)).toBe('warn');
    expect(ll(3)).toBe('pass');
  });

  it('the lab flags its own playlist: the "too little hold-back" preset fails, and m3u8-parser clamps it to 2 × PART-TARGET with a warning', () => {
    const bad = run(presetParams('ll-hls-short-hold')).result;
    expect(bad.checks.find((c) => c.id === 'part-hold-back')!.status).toBe('fail');
    const warnings: string[] = [];
    const parsed = parseHls(bad.hlsPlaylist!, warnings);
    expect(warnings.some((w) => w.includes('clamping PART-HOLD-BACK (0.5)'))).toBe(true);
    expect(parsed.serverControl!.partHoldBack).toBe(2 * parsed.partInf!.partTarget);
    expect(run(presetParams('ll-hls')).result.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('default HOLD-BACK = 3 × TARGETDURATION: ours, and what m3u8-parser fills in when the attribute is absent', () => {
    expect(defaultHoldBack(4)).toBe(12);
    const m = parseHls(run({ ...presetParams('ll-hls'), durationS: 60 }).result.hlsPlaylist!);
    expect(m.serverControl!.holdBack).toBe(3 * m.targetDuration!);
    // a classic player held back only 2 target durations breaks the HOLD-BACK rule: ours fails it, the parser clamps it
    const short = run({ segmentS: 2, holdBackSegments: 2, durationS: 60 }).result;
    expect(short.hlsPlaylist).toContain('HOLD-BACK=4.0');
    expect(short.checks.find((c) => c.id === 'hold-back')!.status).toBe('fail');
    const warnings: string[] = [];
    expect(parseHls(short.hlsPlaylist!, warnings).serverControl!.holdBack).toBe(6);
    expect(warnings.some((w) => w.includes('clamping HOLD-BACK (4)'))).toBe(true);
  });
});

describe('§1.6 (4): requests per second per viewer', () => {
  it('0.5 s parts with blocking reload: 1/D_part + 1/D_part = 4 requests/s (formula, and measured over 10 minutes within 2 %)', () => {
    const p = { ...presetParams('ll-hls'), durationS: 600 };
    expect(requestRates(streamConfig(p)).total).toBe(4);
    const measured = run(p).result.requestsPerSecond.measured!;
    expect(Math.abs(measured - 4) / 4).toBeLessThan(0.02);
  });

  it('classic HLS: 1/D + 1/D (D = 6 s: 1/3 per second); LL-DASH: one request per segment, not per chunk', () => {
    const hls = { ...FIXED, segmentS: 6, durationS: 1200 };
    expect(requestRates(streamConfig(params(hls))).total).toBeCloseTo(1 / 6 + 1 / 6, 12);
    expect(Math.abs(run(hls).result.requestsPerSecond.measured! - 1 / 3) / (1 / 3)).toBeLessThan(0.02);
    const llDash = { ...presetParams('ll-dash'), durationS: 600 };
    expect(requestRates(streamConfig(llDash)).total).toBe(0.5);
    expect(Math.abs(run(llDash).result.requestsPerSecond.measured! - 0.5) / 0.5).toBeLessThan(0.03);
  });
});

describe('the DASH MPD parses with mpd-parser', () => {
  it('dynamic MPD: representation attributes, and exactly the segments available at the snapshot time', () => {
    const p = presetParams('dash');
    const { result } = run(p);
    const c = streamConfig(p);
    const parsed = parseMpd(result.dashMpd!, { manifestUri: 'http://127.0.0.1/live.mpd', NOW: STREAM_EPOCH_MS + p.durationS * 1000, clientOffset: 0 });
    const rep = parsed.playlists[0];
    expect(rep.attributes.BANDWIDTH).toBe(p.bitrateKbps * 1000);
    expect(rep.attributes.CODECS).toBe('avc1.64001f');
    expect(rep.attributes.RESOLUTION).toEqual({ width: 1280, height: 720 });
    expect(parsed.suggestedPresentationDelay).toBe(16);
    // availabilityStartTime is shifted by encode + first mile, so the newest listed segment is the newest published one
    const availabilityOffsetS = latencyBudget(c).terms.filter((t) => t.id === 'encode' || t.id === 'firstMile').reduce((s, t) => s + t.ms, 0) / 1000;
    const newest = Math.floor((p.durationS - availabilityOffsetS) / p.segmentS) - 1;
    expect(rep.segments).toHaveLength(6); // timeShiftBufferDepth = 6 segments
    expect(rep.segments.at(-1)!.uri).toBe(`video/${newest}.m4s`);
  });

  it('LL-DASH adds availabilityTimeOffset = D − chunk and a ServiceDescription latency target (the budget)', () => {
    const p = presetParams('ll-dash');
    const text = dashMpd(streamConfig(p), 60_000, 2033);
    expect(text).toContain('availabilityTimeOffset="3.5"');
    expect(text).toContain('availabilityTimeComplete="false"');
    expect(text).toContain('<Latency referenceId="0" target="2033"');
    expect(parseMpd(text, { manifestUri: 'http://127.0.0.1/live.mpd', NOW: STREAM_EPOCH_MS + 60_000, clientOffset: 0 }).playlists).toHaveLength(1);
  });

  it('no manifest before the first segment exists', () => {
    expect(hlsMediaPlaylist(streamConfig(params({})), 0)).toBeNull();
  });
});

describe('first mile: TCP head-of-line blocking vs SRT ARQ vs WebRTC concealment', () => {
  it('RTMP at 200 ms RTT and 2 % loss cannot carry 4 Mbit/s (Mathis ≈ 0.5 Mbit/s): latency climbs without bound', () => {
    const r = run(presetParams('rtmp-lossy')).result;
    expect(r.firstMile.tcpRateLimitMbps!).toBeCloseTo(0.504, 2);
    expect(r.latency.maxS!).toBeGreaterThan(3 * r.budget.totalS);
    expect(r.firstMile.backlogS).toBeGreaterThan(30);
  });

  it('SRT on the same link with a 4 × RTT window: constant latency, losses recovered (drop probability p^4)', () => {
    const r = run(presetParams('srt-to-hls')).result;
    expect(r.firstMile.lostPackets).toBeGreaterThan(100);
    expect(r.firstMile.unrecoveredPackets).toBe(0);
    expect(r.latency.maxS).toBeCloseTo(r.latency.startS!, 9);
    expect(r.stalls.count).toBe(0);
  });

  it('SRT with a window shorter than one RTT drops what it loses', () => {
    const r = run({ ...presetParams('srt-to-hls'), srtLatencyMs: 120 }).result;
    expect(r.firstMile.unrecoveredPackets).toBe(r.firstMile.lostPackets);
  });

  it('RTMPS costs the same latency as RTMP (TLS encrypts, it does not delay)', () => {
    const rtmp = run({ ...presetParams('youtube-rtmps'), ingest: 'rtmp' }).result;
    const rtmps = run(presetParams('youtube-rtmps')).result;
    expect(rtmps.latency.startS).toBe(rtmp.latency.startS);
  });

  it('HLS push ingest (YouTube) adds the segment upload: later than RTMPS on the same delivery', () => {
    const push = run(presetParams('youtube-hls-ingest')).result;
    const rtmps = run(presetParams('youtube-rtmps')).result;
    expect(push.latency.startS!).toBeGreaterThan(rtmps.latency.startS!);
  });
});

describe('stalls under jitter', () => {
  it('WebRTC: the fraction of frames later than the jitter buffer matches e^(−buffer/jitter) (5 minutes, within 4 σ)', () => {
    const p = { ...presetParams('webrtc'), jitterBufferMs: 60, jitterMs: 30, durationS: 300 };
    const r = run(p, 3, 0).result;
    const model = lateProbability(streamConfig(p));
    expect(model).toBeCloseTo(Math.exp(-2), 9);
    const n = 300 * 30;
    const sigma = Math.sqrt((model * (1 - model)) / n);
    expect(Math.abs(r.stalls.lateFraction! - model)).toBeLessThan(4 * sigma);
  });

  it('LL-HLS: PART-HOLD-BACK of one part stalls under jitter that 3 parts absorbs', () => {
    const short = run(presetParams('ll-hls-short-hold'), 2).result;
    const safe = run({ ...presetParams('ll-hls-short-hold'), partHoldBackParts: 3 }, 2).result;
    expect(short.stalls.count).toBeGreaterThan(0);
    expect(short.latency.maxS!).toBeGreaterThan(short.latency.startS!);
    expect(safe.stalls.count).toBeLessThan(short.stalls.count);
    expect(safe.stalls.lateProbabilityModel).toBeLessThan(short.stalls.lateProbabilityModel);
  });
});
