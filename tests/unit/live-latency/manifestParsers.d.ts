/** The parts of videojs's m3u8-parser 7.2 and mpd-parser 1.4 (dev dependencies, no bundled types) the live-latency tests read. */
declare module 'm3u8-parser' {
  export interface ParsedPart {
    uri: string;
    duration: number;
    independent?: boolean;
  }
  export interface ParsedSegment {
    uri: string;
    duration: number;
    parts?: ParsedPart[];
    programDateTime?: number;
  }
  export interface ParsedManifest {
    targetDuration?: number;
    mediaSequence?: number;
    segments: ParsedSegment[];
    serverControl?: { canBlockReload?: boolean; partHoldBack?: number; holdBack?: number };
    partInf?: { partTarget: number };
    preloadSegment?: { parts?: ParsedPart[]; preloadHints?: { type: string; uri: string }[] };
  }
  export class Parser {
    manifest: ParsedManifest;
    push(chunk: string): void;
    on(event: 'warn' | 'info', listener: (e: { message: string }) => void): void;
    end(): void;
  }
}

declare module 'mpd-parser' {
  export interface MpdSegment {
    uri: string;
    number: number;
    duration: number;
    presentationTime: number;
  }
  export interface MpdPlaylist {
    attributes: { BANDWIDTH: number; CODECS: string; RESOLUTION: { width: number; height: number }; 'FRAME-RATE': number };
    segments: MpdSegment[];
  }
  export interface ParsedMpd {
    playlists: MpdPlaylist[];
    minimumUpdatePeriod: number;
    suggestedPresentationDelay: number;
  }
  export function parse(xml: string, options: { manifestUri: string; NOW?: number; clientOffset?: number }): ParsedMpd;
}
