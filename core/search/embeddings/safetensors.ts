import { EmbeddingError } from './errors.js';

/**
 * A safetensors file, parsed by hand (the format is small): 8 bytes little-endian header length
 * N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`,
 * then the raw little-endian tensor bytes, offsets relative to the end of the header.
 */
export interface SafetensorsFile {
  /** The header's JSON text, as written (a cheap fingerprint of the file's layout). */
  readonly headerText: string;
  readonly tensors: ReadonlyMap<string, TensorInfo>;
  /** The bytes after the header. */
  readonly data: Uint8Array;
}

export interface TensorInfo {
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

const dtypeBytes: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1 };

// Every runtime we target has the WHATWG TextDecoder; core's lib (ES2022) does not declare it.
const Decoder = (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder;

export function parseSafetensors(bytes: Uint8Array, where: string): SafetensorsFile {
  const fail = (why: string) => new EmbeddingError(`${where}: not a readable safetensors file (${why})`, 'model');
  if (bytes.length < 8) throw fail('shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength <= 0 || 8 + headerLength > bytes.length) throw fail(`header length ${headerLength} does not fit a ${bytes.length}-byte file`);
  const headerText = new Decoder('utf-8').decode(bytes.subarray(8, 8 + headerLength));
  let header: unknown;
  try {
    header = JSON.parse(headerText);
  } catch {
    throw fail('its header is not JSON');
  }
  if (!header || typeof header !== 'object' || Array.isArray(header)) throw fail('its header is not a JSON object');
  const data = bytes.subarray(8 + headerLength);
  const tensors = new Map<string, TensorInfo>();
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = (value ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof dtype !== 'string' || !Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw fail(`tensor "${name}" has no valid dtype and shape`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o))) throw fail(`tensor "${name}" has no valid data_offsets`);
    const [begin, end] = offsets as [number, number];
    const size = dtypeBytes[dtype];
    const count = (shape as number[]).reduce((a, b) => a * b, 1);
    if (begin < 0 || end < begin || end > data.length) throw fail(`tensor "${name}" lies outside the file`);
    if (size !== undefined && (end - begin) !== count * size) throw fail(`tensor "${name}" holds ${end - begin} bytes, not ${count} × ${size}`);
    tensors.set(name, { dtype, shape: shape as number[], begin, end });
  }
  return { headerText, tensors, data };
}

/** A floating-point tensor's values as float32 (F32 shared without copying when aligned; F16/BF16/F64 converted). */
export function floatTensor(file: SafetensorsFile, name: string, where: string): Float32Array {
  const info = file.tensors.get(name)!;
  const bytes = file.data.subarray(info.begin, info.end);
  const count = bytes.length / (dtypeBytes[info.dtype] ?? 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (info.dtype) {
    case 'F32': {
      if (bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, count);
      return new Float32Array(bytes.slice().buffer);
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const word = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) {
        word.setUint32(0, view.getUint16(i * 2, true) << 16);
        out[i] = word.getFloat32(0);
      }
      return out;
    }
    case 'F64': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    }
    default:
      throw new EmbeddingError(`${where}: tensor "${name}" is ${info.dtype}; expected F32, F16, BF16 or F64`, 'model');
  }
}

/** An integer tensor's values (the token → row mapping of a vocabulary-quantized model). */
export function integerTensor(file: SafetensorsFile, name: string, where: string): Int32Array {
  const info = file.tensors.get(name)!;
  const bytes = file.data.subarray(info.begin, info.end);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = dtypeBytes[info.dtype];
  if (!size || !/^[IU]/.test(info.dtype)) throw new EmbeddingError(`${where}: tensor "${name}" is ${info.dtype}; expected an integer type`, 'model');
  const count = bytes.length / size;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * size;
    out[i] = size === 8 ? Number(view.getBigInt64(at, true)) : size === 4 ? view.getInt32(at, true) : size === 2 ? view.getInt16(at, true) : info.dtype === 'U8' ? view.getUint8(at) : view.getInt8(at);
  }
  return out;
}

/** IEEE 754 half precision → number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
