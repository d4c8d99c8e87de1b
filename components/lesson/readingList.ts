/**
 * The reading list the product is built on (the seed's list, kept in the repo so a public clone can
 * check lessons without ../shared): for each lesson, the reading-list links of the section(s) it
 * covers. The lesson bar (lessonBar.ts) requires every one of them among the lesson's references.
 *
 * LOUD: every link of the list belongs to at least one lesson (a test checks it); when a lesson is
 * added or split, move its links, do not drop them.
 */

const link = {
  codeKarleNetflix: 'https://www.youtube.com/watch?v=lYoSd2WCJTo&feature=emb_logo&ab_channel=codeKarle',
  grokkingYouTube: 'https://www.educative.io/courses/grokking-the-system-design-interview/xV26VjZ7yMl',
  gauravSenOnboarding: 'https://www.youtube.com/watch?v=x9Hrn0oNmJM',
  techDummiesNetflix: 'https://www.youtube.com/watch?v=psQzyFfsUGU',
  highScalabilityPressPlay: 'http://highscalability.com/blog/2017/12/11/netflix-what-happens-when-you-press-play.html',
  netflix8MEvents: 'https://www.youtube.com/watch?v=WuRazsX-MBY',
  youTubeUploadHelp: 'https://support.google.com/youtube/answer/3070500?hl=en',
  youTubeResumableUploads: 'https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol',
  rtmpHeavybit: 'https://www.youtube.com/watch?v=AoRepm5ks80&ab_channel=Heavybit',
  sftpExaVault: 'https://www.youtube.com/watch?v=OE34VJCPMVQ&ab_channel=ExaVault',
  musicStreaming: 'https://www.youtube.com/watch?v=ks-CS41AiQs&ab_channel=ReachGoals',
  spotifyDiscoverWeekly: 'https://medium.com/s/story/spotifys-discover-weekly-how-machine-learning-finds-your-new-music-19a41ab76efe',
  codeKarleZoom: 'https://www.youtube.com/watch?v=G32ThJakeHk&ab_channel=codeKarle',
  infoQFacebookLive: 'https://www.youtube.com/watch?v=IO4teCbHvZw&t=1452s&ab_channel=InfoQ',
  codeKarleWhatsApp: 'https://www.youtube.com/watch?v=RjQjbJ2UJDg&feature=emb_logo&ab_channel=codeKarle',
  grokkingMessenger: 'https://www.educative.io/courses/grokking-the-system-design-interview/B8R22v0wqJo',
  computerphileE2ee: 'https://www.youtube.com/watch?v=jkV1KEJGKRA&ab_channel=Computerphile',
  wikipediaAbr: 'https://en.wikipedia.org/wiki/Adaptive_bitrate_streaming',
  dacastVideoStreamingProtocol: 'https://www.dacast.com/blog/video-streaming-protocol/',
  youTubeIngestionComparison: 'https://developers.google.com/youtube/v3/live/guides/ingestion-protocol-comparison',
  dacastStreamingProtocols: 'https://www.dacast.com/blog/streaming-protocols/',
  wikipediaWebRtc: 'https://en.wikipedia.org/wiki/WebRTC',
} as const;

export const readingListLinks: readonly string[] = Object.values(link);

/** lesson slug → the reading-list links its references must contain */
export const readingListByLesson: Readonly<Record<string, readonly string[]>> = {
  'queueing-basics': [],
  'video-streaming': [link.wikipediaAbr, link.highScalabilityPressPlay, link.codeKarleNetflix],
  'video-uploads': [link.youTubeUploadHelp, link.youTubeResumableUploads],
  'event-pipelines-kafka': [link.netflix8MEvents],
  'chat-systems': [link.codeKarleWhatsApp, link.grokkingMessenger],
  'end-to-end-encryption': [link.computerphileE2ee],
  'music-streaming': [link.musicStreaming, link.spotifyDiscoverWeekly],
  'streaming-protocols': [
    link.rtmpHeavybit,
    link.sftpExaVault,
    link.wikipediaAbr,
    link.dacastVideoStreamingProtocol,
    link.dacastStreamingProtocols,
    link.youTubeIngestionComparison,
    link.wikipediaWebRtc,
  ],
  'live-video-and-conferencing': [link.codeKarleZoom, link.infoQFacebookLive],
  'design-a-video-platform': [
    link.codeKarleNetflix,
    link.grokkingYouTube,
    link.gauravSenOnboarding,
    link.techDummiesNetflix,
    link.highScalabilityPressPlay,
    link.youTubeUploadHelp,
    link.netflix8MEvents,
  ],
  'video-search': [link.grokkingYouTube],
};
