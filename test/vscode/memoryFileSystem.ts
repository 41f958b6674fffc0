// An in-memory stand-in for `vscode.workspace.fs` and the `Uri` and `FileType` it needs, strict
// where real providers are: writing into a missing folder fails, making a folder that is there
// fails, a rename does not replace a file unless told to, a missing file throws.
import type * as vscode from 'vscode';

export enum FileType {
  Unknown = 0,
  File = 1,
  Directory = 2,
  SymbolicLink = 64,
}

export class MemoryUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static joinPath(base: MemoryUri, ...segments: string[]): MemoryUri {
    const parts: string[] = [];
    for (const part of [...base.path.split('/'), ...segments.flatMap((s) => s.split('/'))]) {
      if (part === '..') parts.pop();
      else if (part !== '' && part !== '.') parts.push(part);
    }
    return new MemoryUri(base.scheme, `/${parts.join('/')}`);
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

export class MemoryFileSystem implements Pick<vscode.FileSystem, 'stat' | 'readFile' | 'writeFile' | 'createDirectory' | 'readDirectory' | 'rename'> {
  readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  readonly folders = new Set<string>(['/']);
  private clock = 1000;

  reset(): void {
    this.files.clear();
    this.folders.clear();
    this.folders.add('/');
  }
  text(path: string): string | undefined {
    const file = this.files.get(path);
    return file && new TextDecoder().decode(file.bytes);
  }
  put(path: string, text: string): void {
    for (let folder = parentOf(path); !this.folders.has(folder); folder = parentOf(folder)) this.folders.add(folder);
    this.files.set(path, { bytes: new TextEncoder().encode(text), mtime: this.clock++ });
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const file = this.files.get(uri.path);
    if (file) return { type: FileType.File as number, ctime: 0, mtime: file.mtime, size: file.bytes.length };
    if (this.folders.has(uri.path)) return { type: FileType.Directory as number, ctime: 0, mtime: 0, size: 0 };
    throw new Error(`FileNotFound: ${uri.path}`);
  }
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const file = this.files.get(uri.path);
    if (!file) throw new Error(`FileNotFound: ${uri.path}`);
    return file.bytes.slice();
  }
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    if (!this.folders.has(parentOf(uri.path))) throw new Error(`FileNotFound (no folder): ${uri.path}`);
    if (this.folders.has(uri.path)) throw new Error(`FileIsADirectory: ${uri.path}`);
    this.files.set(uri.path, { bytes: content.slice(), mtime: this.clock++ });
  }
  async createDirectory(uri: vscode.Uri): Promise<void> {
    // As FileSystemProvider.createDirectory documents it (workspace.fs itself is more lenient).
    if (this.files.has(uri.path) || this.folders.has(uri.path)) throw new Error(`FileExists: ${uri.path}`);
    for (let folder = uri.path; !this.folders.has(folder); folder = parentOf(folder)) this.folders.add(folder);
  }
  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    if (!this.folders.has(uri.path)) throw new Error(`FileNotFound: ${uri.path}`);
    const prefix = uri.path === '/' ? '/' : `${uri.path}/`;
    const children = (paths: Iterable<string>, type: FileType) =>
      [...paths].filter((p) => p.startsWith(prefix) && p !== prefix && !p.slice(prefix.length).includes('/')).map((p): [string, vscode.FileType] => [p.slice(prefix.length), type as number]);
    return [...children(this.files.keys(), FileType.File), ...children(this.folders, FileType.Directory)];
  }
  async rename(from: vscode.Uri, to: vscode.Uri, options?: { overwrite?: boolean }): Promise<void> {
    const file = this.files.get(from.path);
    if (!file) throw new Error(`FileNotFound: ${from.path}`);
    if (this.files.has(to.path) && !options?.overwrite) throw new Error(`FileExists: ${to.path}`);
    this.files.set(to.path, file);
    this.files.delete(from.path);
  }
}

export const memoryFs = new MemoryFileSystem();
