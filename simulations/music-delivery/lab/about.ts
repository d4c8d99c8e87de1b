/** What the music delivery lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const musicDeliveryAbout = {
  id: 'music-delivery',
  title: 'Why music starts instantly',
  summary: 'Zipf popularity, device and edge caches, next-track prefetch, bitrate tiers up to lossless, and Spotify’s 2010 peer-assisted mode: where each play’s first audio comes from, how fast, and what the egress costs.',
  topic: 'Music streaming',
} as const;
