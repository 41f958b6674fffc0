import { firstInvalidUtf8Byte, lineOfByte } from './utf8Validation.js';

export type DecodeProblemCode = 'binary-file' | 'invalid-utf8' | 'file-too-large';

export interface DecodeProblem {
  code: DecodeProblemCode;
  message: string;
  /** Zero-based line of the first undecodable byte (invalid-utf8 only). */
  line?: number;
}

export interface DecodedNote {
  text: string;
  hadBom: boolean;
  problem: DecodeProblem | null;
}

export interface DecodeOptions {
  /** Larger files are refused rather than indexed; default 64 MiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** Git's heuristic: a NUL byte near the start means the file is not text. */
const BINARY_SNIFF_BYTES = 8 * 1024;

const Decoder = (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder;
// One decoder for every file (it keeps no state between calls made without `stream`).
// ignoreBOM keeps a second BOM as content: only the first one is an encoding mark.
const decoder = new Decoder('utf-8', { fatal: false, ignoreBOM: true });

/** Bad bytes must never stop indexing: the note is still read, with a located problem to show. */
export function decodeNote(bytes: Uint8Array, options: DecodeOptions = {}): DecodedNote {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return {
      text: '',
      hadBom: false,
      problem: {
        code: 'file-too-large',
        message: `File is ${formatSize(bytes.length)}, larger than the ${formatSize(maxBytes)} limit; it was not indexed.`,
      },
    };
  }
  const hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = hadBom ? 3 : 0;
  const sniffEnd = Math.min(bytes.length, start + BINARY_SNIFF_BYTES);
  if (bytes.subarray(start, sniffEnd).indexOf(0) >= 0) {
    return {
      text: '',
      hadBom,
      problem: { code: 'binary-file', message: 'File looks binary (it contains a NUL byte); it was not indexed.' },
    };
  }
  const body = bytes.subarray(start);
  const text = decoder.decode(body);
  // Every invalid byte decodes to U+FFFD, so a text without one needs no byte-by-byte check.
  const bad = text.indexOf('\uFFFD') < 0 ? -1 : firstInvalidUtf8Byte(body);
  if (bad < 0) return { text, hadBom, problem: null };
  const line = lineOfByte(body, bad);
  return {
    text,
    hadBom,
    problem: {
      code: 'invalid-utf8',
      message: `Invalid UTF-8 on line ${line + 1} (byte 0x${body[bad]!.toString(16).padStart(2, '0')}); shown as U+FFFD. Re-save the file as UTF-8.`,
      line,
    },
  };
}

function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
