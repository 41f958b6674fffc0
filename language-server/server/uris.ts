/**
 * Workspace paths (relative, `/`-separated) and document URIs. Clients spell URIs differently
 * (VS Code writes `file:///c%3A/…`, Neovim `file:///C:/…`), so comparison happens on the decoded
 * form; the URIs we send are encoded segment by segment, which every client parses back.
 */
export class WorkspaceUris {
  private readonly root: string | null;
  private readonly decodedRoot: string | null;

  constructor(rootUri: string | null) {
    this.root = rootUri === null ? null : rootUri.replace(/\/+$/, '');
    this.decodedRoot = this.root === null ? null : normalise(this.root);
  }

  get rootUri(): string | null {
    return this.root;
  }

  pathOf(uri: string): string | null {
    if (this.decodedRoot === null) return null;
    const decoded = normalise(uri);
    if (!decoded.startsWith(`${this.decodedRoot}/`)) return null;
    const path = decoded.slice(this.decodedRoot.length + 1);
    return path === '' || path.split('/').some((s) => s === '' || s === '.' || s === '..') ? null : path;
  }

  uriOf(path: string): string {
    const root = this.root ?? 'file://';
    return `${root}/${path.split('/').map(encodeSegment).join('/')}`;
  }
}

function normalise(uri: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    decoded = uri; // a stray `%` is taken literally
  }
  // Windows drive letters: `file:///C:/…` and `file:///c:/…` are one folder.
  return decoded.replace(/^file:\/\/\/([A-Za-z]):/, (_m, drive: string) => `file:///${drive.toLowerCase()}:`);
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
