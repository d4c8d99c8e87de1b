/** What the ABR lab is, for the catalogue and the placeholder before the lab loads: data only. */
export const abrAbout = {
  id: 'abr',
  title: 'Adaptive bitrate streaming',
  summary:
    'Race ABR algorithms (rate-based, BBA, BOLA, dual EWMA, MPC, robustMPC, dash.js Dynamic) chunk by chunk over a fluctuating network, with a literature-exact reference mode.',
  topic: 'Video streaming',
} as const;
