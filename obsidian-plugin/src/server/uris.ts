// The server names files by URI; the vault by path. Obsidian has no file:// root on mobile, so the
// plugin gives the server a root of its own and maps both ways here.
export const vaultRootUri = 'app://vault';

export function uriOfPath(path: string): string {
  return `${vaultRootUri}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** The vault path of a URI under the root, or null for anything else. */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith(`${vaultRootUri}/`)) return null;
  try {
    return decodeURIComponent(uri.slice(vaultRootUri.length + 1));
  } catch {
    return null;
  }
}
