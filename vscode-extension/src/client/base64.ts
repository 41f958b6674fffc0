/**
 * Bytes ↔ base64 for the host requests (JSON-RPC carries text only). The server has its own
 * (language-server/browser/base64.ts), which a host may not import.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  // In slices: String.fromCharCode(...all) overflows the call stack on a store of a few MB.
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return btoa(parts.join(''));
}

/** Throws on text that is not base64 (atob's DOMException). */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
