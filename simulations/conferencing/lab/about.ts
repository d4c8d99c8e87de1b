/** What the conferencing lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const conferencingAbout = {
  id: 'conferencing',
  title: 'Video calls: mesh vs SFU vs MCU',
  summary:
    'Grow a call from 2 to 50 people and watch each topology’s uplink, downlink, connections, server bandwidth and CPU until it breaks; tune an audio jitter buffer on a lossy path; see a 1:1 call fall back from STUN to TURN.',
  topic: 'Live video',
} as const;
