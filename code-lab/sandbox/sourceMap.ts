/**
 * Just enough of Source Map v3 to turn a position in the emitted JavaScript back into the learner's
 * TypeScript line:col (both emitters, esbuild in Node and Monaco's TypeScript worker in the browser,
 * write one). No dependency: the format is a base64-VLQ list of segments per generated line.
 */
export interface SourceMapV3 {
  version: number;
  mappings: string;
  sources?: string[];
}

/** 1-based line, 1-based column (what editors show). */
export interface SourcePosition {
  line: number;
  col: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decoded segments per generated line: [generatedCol, sourceLine, sourceCol] (0-based). */
export type DecodedMappings = [number, number, number][][];

export function decodeMappings(mappings: string): DecodedMappings {
  const lines: DecodedMappings = [];
  let sourceLine = 0;
  let sourceCol = 0;
  for (const lineText of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let generatedCol = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      generatedCol += fields[0];
      if (fields.length >= 4) {
        sourceLine += fields[2];
        sourceCol += fields[3];
        segments.push([generatedCol, sourceLine, sourceCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`source map: bad base64 digit ${JSON.stringify(c)}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/**
 * The source position of a generated 1-based line:col: the last segment at or before the column on
 * that line (else the line's first segment, else the nearest mapped line above). Null when the map
 * says nothing about that part of the output (e.g. the emitter's own helpers).
 */
export function originalPosition(decoded: DecodedMappings, line: number, col: number): SourcePosition | null {
  for (let l = line - 1; l >= 0 && l >= line - 4; l--) {
    const segments = decoded[l];
    if (!segments || segments.length === 0) continue;
    let best = segments[0];
    if (l === line - 1) for (const s of segments) if (s[0] <= col - 1) best = s;
    return { line: best[1] + 1, col: best[2] + 1 };
  }
  return null;
}
