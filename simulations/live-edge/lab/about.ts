/** What the live-edge lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const liveEdgeAbout = {
  id: 'live-edge',
  title: 'Thundering herd at the live edge',
  summary:
    'A celebrity goes live and a million viewers ask for every new segment within seconds: count the requests that leak past the edge PoPs to the origin and the live server, then turn on request coalescing and a two-tier cache.',
  topic: 'Live video',
} as const;
