import type { LabMeta } from '@/components/lab-shell/types';

/**
 * What the placeholder shows before the upload lab loads. Copied from simulations/upload/lab.ts
 * (importing it would pull the whole simulation into every lesson page);
 * tests/unit/views/registry.test.ts fails if the two drift apart.
 */
export const uploadLabMeta: LabMeta = {
  id: 'upload',
  title: 'Resumable uploads',
  summary: 'A real tus server core behind a lossy uplink: hash the video, upload in chunks, lose the connection, resume from the committed offset; compared with a single POST and the YouTube/GCS protocol.',
  presets: [
    {
      id: 'flaky-mobile',
      title: 'Flaky mobile uplink',
      story: 'A 4G uplink that drops every few seconds. tus and GCS keep what arrived and resume; the single POST starts over after every drop and may never finish.',
    },
    {
      id: 'server-restart',
      title: 'Server restart mid-upload',
      story: 'The upload server crashes at 4 s and is back 3 s later. The bytes it had stored survive; the client HEADs the new process and continues from that offset.',
    },
    {
      id: 'two-tabs',
      title: 'Two tabs upload the same video',
      story: 'Same user, same file, two tabs. The second tab finds the upload URL the first one saved under (file hash, user) and resumes the same upload instead of creating another. Each HEAD takes the lock over from the other tab: the interrupted PATCH ends with 423 and keeps what it sent, and the tabs take turns.',
    },
    {
      id: 'expired-upload',
      title: 'Expired upload',
      story: 'The phone goes offline for 90 s; the server expires open uploads after 30 s without progress and its sweeper deletes them. Back online, the client gets 410 Gone and must start over.',
    },
    {
      id: 'bufferingProxy',
      title: 'Chunk size behind a buffering proxy',
      story: 'An nginx-style proxy in front of the tus server buffers each request body (proxy_request_buffering on, its default) and passes it on only once complete, so a cut loses the whole chunk in flight, not just the bytes in the pipe. The chunk-size sweep now shows the trade-off: small chunks pay a round trip each, big chunks lose more per drop; the fastest finish is at 1–2 MiB.',
    },
  ],
};
