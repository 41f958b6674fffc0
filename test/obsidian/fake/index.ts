/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// A thin fake of the Obsidian runtime: just what Scriptorium's plugin uses, in memory, typed
// against the real `obsidian` package (each class implements the members it fakes, so tsc checks
// their signatures). Anything else throws, so a plugin reaching for an unfaked API fails loudly.
// Runs under happy-dom (vitest alias `obsidian` → this file) and, bundled, in real Chromium.
import type * as O from 'obsidian';
import { installDomHelpers } from './dom.js';

installDomHelpers();

export function notImplemented(what: string): never {
  throw new Error(`fake obsidian: ${what} is not implemented`);
}

const passThrough = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'inspect', 'valueOf', 'toString']);

/** The object, except that reading a member it does not have throws (instead of quietly being undefined). */
export function strict<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'symbol' || key in obj || passThrough.has(key)) return Reflect.get(obj, key, receiver);
      return notImplemented(`${name}.${key}`);
    },
  });
}

// --- events and components --------------------------------------------------------------------

type Callback = (...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any -- Obsidian's own signature

export class Events implements O.Events {
  private handlers = new Map<string, { fn: Callback; ctx: unknown }[]>();

  on(name: string, callback: Callback, ctx?: unknown): O.EventRef {
    const list = this.handlers.get(name) ?? [];
    const entry = { fn: callback, ctx };
    list.push(entry);
    this.handlers.set(name, list);
    return { e: this, name, entry } as unknown as O.EventRef;
  }

  off(name: string, callback: Callback): void {
    this.handlers.set(name, (this.handlers.get(name) ?? []).filter((h) => h.fn !== callback));
  }

  offref(ref: O.EventRef): void {
    const { name, entry } = ref as unknown as { name: string; entry: unknown };
    this.handlers.set(name, (this.handlers.get(name) ?? []).filter((h) => h !== entry));
  }

  trigger(name: string, ...data: unknown[]): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) h.fn.apply(h.ctx, data);
  }

  tryTrigger(evt: O.EventRef, args: unknown[]): void {
    const { entry } = evt as unknown as { entry: { fn: Callback; ctx: unknown } };
    entry.fn.apply(entry.ctx, args);
  }
}

export class Component implements Pick<O.Component, 'load' | 'onload' | 'unload' | 'onunload' | 'addChild' | 'removeChild' | 'register' | 'registerEvent' | 'registerDomEvent' | 'registerInterval'> {
  private loaded = false;
  private children: Component[] = [];
  private cleanups: (() => unknown)[] = [];

  load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const result = this.onload() as unknown;
    if (result instanceof Promise) this.pendingLoad = result;
    for (const child of this.children) child.load();
  }

  /** Obsidian awaits an async `onload`; tests await this. */
  pendingLoad: Promise<unknown> = Promise.resolve();

  onload(): void {}

  unload(): void {
    if (!this.loaded) return;
    this.loaded = false;
    for (const child of this.children.splice(0)) child.unload();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
    this.onunload();
  }

  onunload(): void {}

  addChild<T extends O.Component>(component: T): T {
    const child = component as unknown as Component;
    this.children.push(child);
    if (this.loaded) child.load();
    return component;
  }

  removeChild<T extends O.Component>(component: T): T {
    const child = component as unknown as Component;
    this.children = this.children.filter((c) => c !== child);
    child.unload();
    return component;
  }

  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }

  registerEvent(ref: O.EventRef): void {
    this.cleanups.push(() => (ref as unknown as { e: Events }).e.offref(ref));
  }

  registerDomEvent(el: EventTarget, type: string, callback: (evt: Event) => unknown): void {
    el.addEventListener(type, callback as EventListener);
    this.cleanups.push(() => el.removeEventListener(type, callback as EventListener));
  }

  registerInterval(id: number): number {
    this.cleanups.push(() => clearInterval(id));
    return id;
  }
}

// --- files and the vault ------------------------------------------------------------------------

export abstract class TAbstractFile implements Pick<O.TAbstractFile, 'path' | 'name'> {
  constructor(
    public vault: Vault,
    public path: string,
  ) {}
  get name(): string {
    return this.path.split('/').pop()!;
  }
  get parent(): TFolder | null {
    const at = this.path.lastIndexOf('/');
    return at < 0 ? null : new TFolder(this.vault, this.path.slice(0, at));
  }
}

export class TFile extends TAbstractFile implements Pick<O.TFile, 'basename' | 'extension' | 'stat'> {
  stat = { ctime: 0, mtime: 0, size: 0 };
  get basename(): string {
    return this.name.replace(/\.[^.]*$/, '');
  }
  get extension(): string {
    const at = this.name.lastIndexOf('.');
    return at < 0 ? '' : this.name.slice(at + 1);
  }
}

export class TFolder extends TAbstractFile {
  get children(): O.TAbstractFile[] {
    return this.vault.getFiles().filter((f) => f.path.startsWith(`${this.path}/`));
  }
}

/**
 * The vault's storage: every file, including `.obsidian/…` config the vault does not index. As
 * Obsidian's adapter: any file reads as text or as bytes, a folder exists once made or once a file
 * is inside it, sizes are in bytes.
 */
export class FakeAdapter implements Pick<O.DataAdapter, 'exists' | 'stat' | 'list' | 'read' | 'write' | 'append' | 'readBinary' | 'writeBinary' | 'mkdir' | 'remove' | 'rename'> {
  readonly texts = new Map<string, string>();
  readonly binaries = new Map<string, ArrayBuffer>();
  /** Folders made with mkdir; those holding a file exist without it. */
  readonly folders = new Set<string>();
  /** When each file was last written (a test may set one). */
  readonly mtimes = new Map<string, number>();

  private bytesOf(path: string): Uint8Array | null {
    const text = this.texts.get(path);
    if (text !== undefined) return new TextEncoder().encode(text);
    const binary = this.binaries.get(path);
    return binary ? new Uint8Array(binary) : null;
  }
  private isFile(path: string): boolean {
    return this.texts.has(path) || this.binaries.has(path);
  }
  private allFolders(): Set<string> {
    const all = new Set(this.folders);
    for (const path of [...this.texts.keys(), ...this.binaries.keys()]) {
      for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) all.add(path.slice(0, slash));
    }
    return all;
  }
  private written(path: string): void {
    this.mtimes.set(path, Date.now());
  }

  async exists(path: string): Promise<boolean> {
    return this.isFile(path) || this.allFolders().has(path);
  }
  async stat(path: string): Promise<O.Stat | null> {
    const bytes = this.bytesOf(path);
    if (bytes) return { type: 'file', ctime: 0, mtime: this.mtimes.get(path) ?? 0, size: bytes.length };
    return this.allFolders().has(path) ? { type: 'folder', ctime: 0, mtime: 0, size: 0 } : null;
  }
  /** What is directly inside a folder, as vault paths. */
  async list(path: string): Promise<O.ListedFiles> {
    const inside = (p: string) => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes('/');
    return { files: [...this.texts.keys(), ...this.binaries.keys()].filter(inside), folders: [...this.allFolders()].filter(inside) };
  }
  async read(path: string): Promise<string> {
    const bytes = this.bytesOf(path);
    if (!bytes) throw new Error(`ENOENT: ${path}`);
    return this.texts.get(path) ?? new TextDecoder().decode(bytes);
  }
  async write(path: string, data: string): Promise<void> {
    this.binaries.delete(path);
    this.texts.set(path, data);
    this.written(path);
  }
  /** Creates the file when missing, as Obsidian's does. */
  async append(path: string, data: string): Promise<void> {
    const before = this.isFile(path) ? await this.read(path) : '';
    await this.write(path, before + data);
  }
  async readBinary(path: string): Promise<ArrayBuffer> {
    const bytes = this.bytesOf(path);
    if (!bytes) throw new Error(`ENOENT: ${path}`);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }
  async writeBinary(path: string, data: ArrayBuffer): Promise<void> {
    this.texts.delete(path);
    this.binaries.set(path, data.slice(0));
    this.written(path);
  }
  async mkdir(path: string): Promise<void> {
    if (this.isFile(path)) throw new Error(`EEXIST: ${path}`);
    this.folders.add(path);
  }
  async remove(path: string): Promise<void> {
    if (!this.texts.delete(path) && !this.binaries.delete(path)) throw new Error(`ENOENT: ${path}`);
    this.mtimes.delete(path);
  }
  /** Like Obsidian's mobile adapter: refuses to replace an existing file. */
  async rename(from: string, to: string): Promise<void> {
    if (this.isFile(to)) throw new Error(`EEXIST: ${to}`);
    if (this.texts.has(from)) this.texts.set(to, this.texts.get(from)!), this.texts.delete(from);
    else if (this.binaries.has(from)) this.binaries.set(to, this.binaries.get(from)!), this.binaries.delete(from);
    else throw new Error(`ENOENT: ${from}`);
    this.mtimes.set(to, this.mtimes.get(from) ?? 0);
    this.mtimes.delete(from);
  }
}

export class Vault extends Events implements Pick<O.Vault, 'configDir' | 'getFiles' | 'getMarkdownFiles' | 'getAbstractFileByPath' | 'read' | 'cachedRead' | 'create' | 'modify' | 'process' | 'delete' | 'rename'> {
  readonly configDir = '.obsidian';
  readonly adapter = strict(new FakeAdapter(), 'DataAdapter');
  private readonly files = new Map<string, TFile>();

  /** Files as they are at startup (no events: Obsidian's startup `create` events come before layout-ready). */
  constructor(initial: Record<string, string> = {}) {
    super();
    for (const [path, text] of Object.entries(initial)) this.put(path, text);
  }

  private isConfig(path: string): boolean {
    return path.startsWith(`${this.configDir}/`) || path.split('/').some((s) => s.startsWith('.'));
  }

  private put(path: string, text: string): TFile | null {
    void this.adapter.write(path, text);
    if (this.isConfig(path)) return null;
    let file = this.files.get(path);
    if (!file) {
      file = new TFile(this, path);
      this.files.set(path, file);
    }
    file.stat = { ctime: file.stat.ctime, mtime: Date.now(), size: new TextEncoder().encode(text).length };
    return file;
  }

  private text(file: O.TFile): string {
    const text = this.adapter.texts.get(file.path);
    if (text === undefined) throw new Error(`ENOENT: ${file.path}`);
    return text;
  }

  // The fake's files are not the typings' classes (those have no runtime): cast at the boundary.
  getFiles(): O.TFile[] {
    return [...this.files.values()] as unknown as O.TFile[];
  }
  getMarkdownFiles(): O.TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }
  getAbstractFileByPath(path: string): O.TAbstractFile | null {
    const file = this.files.get(path);
    if (file) return file as unknown as O.TAbstractFile;
    return this.getFiles().some((f) => f.path.startsWith(`${path}/`)) ? (new TFolder(this, path) as unknown as O.TAbstractFile) : null;
  }
  getFileByPath(path: string): TFile | null {
    return this.files.get(path) ?? null;
  }
  async read(file: O.TFile): Promise<string> {
    return this.text(file);
  }
  async cachedRead(file: O.TFile): Promise<string> {
    return this.text(file);
  }
  async create(path: string, data: string): Promise<O.TFile> {
    if (this.files.has(path)) throw new Error(`File already exists: ${path}`);
    const file = this.put(path, data)!;
    this.trigger('create', file);
    return file as unknown as O.TFile;
  }
  async modify(file: O.TFile, data: string): Promise<void> {
    this.put(file.path, data);
    this.trigger('modify', file);
  }
  async process(file: O.TFile, fn: (data: string) => string): Promise<string> {
    const before = this.text(file);
    const after = fn(before);
    if (after !== before) await this.modify(file, after);
    return after;
  }
  async delete(file: O.TAbstractFile): Promise<void> {
    this.files.delete(file.path);
    this.adapter.texts.delete(file.path);
    this.trigger('delete', file);
  }
  async rename(file: O.TAbstractFile, newPath: string): Promise<void> {
    const old = file.path;
    const text = this.adapter.texts.get(old) ?? '';
    this.files.delete(old);
    this.adapter.texts.delete(old);
    (file as unknown as TFile).path = newPath;
    this.files.set(newPath, file as unknown as TFile);
    void this.adapter.write(newPath, text);
    this.trigger('rename', file, old);
  }

  /** Test hook: the file changes on disk and nobody has been told yet (Obsidian's modify event comes later). */
  changeSilently(path: string, text: string): void {
    this.put(path, text);
  }
}

export class MetadataCache extends Events implements Pick<O.MetadataCache, 'fileToLinktext' | 'getFirstLinkpathDest'> {
  constructor(private readonly vault: Vault) {
    super();
  }
  fileToLinktext(file: O.TFile, _sourcePath: string, omitMdExtension = true): string {
    const same = this.vault.getMarkdownFiles().filter((f) => f.basename === file.basename);
    if (same.length === 1 && file.extension === 'md') return file.basename;
    return omitMdExtension ? file.path.replace(/\.md$/, '') : file.path;
  }
  getFirstLinkpathDest(linkpath: string, _sourcePath: string): O.TFile | null {
    const wanted = linkpath.replace(/\.md$/, '');
    const file = this.vault.getMarkdownFiles().find((f) => f.path.replace(/\.md$/, '') === wanted || f.basename === wanted);
    return file ?? null;
  }
}

// --- editor, views, leaves, workspace -----------------------------------------------------------

export class FakeEditor implements Pick<O.Editor, 'getValue' | 'setValue' | 'getLine' | 'lineCount' | 'lastLine' | 'getCursor' | 'setCursor' | 'getRange' | 'replaceRange' | 'replaceSelection' | 'getSelection'> {
  private lines: string[];
  private cursor: O.EditorPosition = { line: 0, ch: 0 };
  constructor(text: string) {
    this.lines = text.split('\n');
  }
  getValue(): string {
    return this.lines.join('\n');
  }
  setValue(text: string): void {
    this.lines = text.split('\n');
  }
  getLine(line: number): string {
    return this.lines[line] ?? '';
  }
  lineCount(): number {
    return this.lines.length;
  }
  lastLine(): number {
    return this.lines.length - 1;
  }
  getCursor(): O.EditorPosition {
    return { ...this.cursor };
  }
  setCursor(pos: O.EditorPosition | number, ch?: number): void {
    this.cursor = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : { ...pos };
  }
  private offset(pos: O.EditorPosition): number {
    let offset = 0;
    for (let i = 0; i < pos.line; i++) offset += (this.lines[i] ?? '').length + 1;
    return offset + Math.min(pos.ch, (this.lines[pos.line] ?? '').length);
  }
  getRange(from: O.EditorPosition, to: O.EditorPosition): string {
    return this.getValue().slice(this.offset(from), this.offset(to));
  }
  replaceRange(text: string, from: O.EditorPosition, to?: O.EditorPosition): void {
    const value = this.getValue();
    this.setValue(value.slice(0, this.offset(from)) + text + value.slice(this.offset(to ?? from)));
  }
  replaceSelection(text: string): void {
    this.replaceRange(text, this.cursor);
    const inserted = text.split('\n');
    this.cursor = inserted.length === 1 ? { line: this.cursor.line, ch: this.cursor.ch + text.length } : { line: this.cursor.line + inserted.length - 1, ch: inserted[inserted.length - 1]!.length };
  }
  getSelection(): string {
    return '';
  }
  /** Test hook: what Obsidian does as the user types, including the editor suggest check. */
  type(text: string): void {
    this.replaceSelection(text);
  }
}

export class View extends Component {
  app: App;
  containerEl: HTMLElement;
  constructor(public leaf: WorkspaceLeaf) {
    super();
    this.app = leaf.app;
    this.containerEl = leaf.containerEl.createDiv({ cls: 'view-content-container' });
  }
  getViewType(): string {
    return notImplemented('View.getViewType');
  }
  getDisplayText(): string {
    return '';
  }
  getIcon(): string {
    return '';
  }
  async onOpen(): Promise<void> {}
  async onClose(): Promise<void> {}
}

export class ItemView extends View implements Pick<O.ItemView, 'contentEl'> {
  contentEl: HTMLElement;
  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.containerEl.createDiv({ cls: 'view-header', text: '' });
    this.contentEl = this.containerEl.createDiv({ cls: 'view-content' });
  }
}

export class MarkdownView extends View {
  editor: FakeEditor;
  constructor(
    leaf: WorkspaceLeaf,
    public file: TFile,
    text: string,
  ) {
    super(leaf);
    this.editor = new FakeEditor(text);
    this.containerEl.createDiv({ cls: 'view-header-title', text: file.basename });
    this.containerEl.createEl('pre', { cls: 'markdown-source-view', text });
  }
  override getViewType(): string {
    return 'markdown';
  }
  /** Test hook: Obsidian's autosave. */
  async save(): Promise<void> {
    await this.app.vault.modify(this.file as unknown as O.TFile, this.editor.getValue());
  }
}

export class WorkspaceLeaf implements Pick<O.WorkspaceLeaf, 'setViewState' | 'openFile'> {
  view: View | null = null;
  readonly containerEl: HTMLElement;
  /** What `openFile` was asked to show: Obsidian scrolls there. */
  eState: Record<string, unknown> | undefined;
  constructor(
    public readonly app: App,
    parent: HTMLElement,
  ) {
    this.containerEl = parent.createDiv({ cls: 'workspace-leaf' });
  }
  private async show(view: View): Promise<void> {
    if (this.view) await this.close();
    this.view = view;
    view.load();
    await view.pendingLoad;
    await view.onOpen();
  }
  async close(): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.view = null;
    await view.onClose();
    view.unload();
    view.containerEl.remove();
  }
  async setViewState(state: O.ViewState): Promise<void> {
    const create = this.app.workspace.viewCreators.get(state.type);
    if (!create) notImplemented(`a view of type ${state.type}`);
    await this.show(create(this as unknown as O.WorkspaceLeaf) as unknown as View);
    if (state.active) this.app.workspace.setActiveLeaf(this);
  }
  async openFile(file: O.TFile, openState?: O.OpenViewState): Promise<void> {
    const text = await this.app.vault.read(file);
    await this.show(new MarkdownView(this, file as unknown as TFile, text));
    this.eState = openState?.eState;
    const line = openState?.eState?.line;
    if (typeof line === 'number') (this.view as MarkdownView).editor.setCursor({ line, ch: 0 });
    this.app.workspace.setActiveLeaf(this);
  }
}

export class Workspace extends Events implements Pick<O.Workspace, 'onLayoutReady' | 'getLeavesOfType' | 'getRightLeaf' | 'getLeaf' | 'revealLeaf' | 'getActiveViewOfType' | 'openLinkText'> {
  readonly containerEl: HTMLElement;
  readonly rootEl: HTMLElement;
  readonly rightEl: HTMLElement;
  readonly statusBarEl: HTMLElement;
  readonly leaves: WorkspaceLeaf[] = [];
  readonly viewCreators = new Map<string, O.ViewCreator>();
  readonly editorSuggest = { suggests: [] as EditorSuggest<unknown>[] };
  activeLeaf: WorkspaceLeaf | null = null;
  layoutReady = false;
  private readyCallbacks: (() => unknown)[] = [];

  constructor(private readonly app: App) {
    super();
    this.containerEl = document.body.createDiv({ cls: 'app-container' });
    const split = this.containerEl.createDiv({ cls: 'workspace' });
    this.rootEl = split.createDiv({ cls: 'workspace-split mod-root' });
    this.rightEl = split.createDiv({ cls: 'workspace-split mod-right-split' });
    this.statusBarEl = this.containerEl.createDiv({ cls: 'status-bar' });
  }

  onLayoutReady(callback: () => unknown): void {
    if (this.layoutReady) callback();
    else this.readyCallbacks.push(callback);
  }
  /** Test hook: Obsidian finished loading the vault. */
  setLayoutReady(): void {
    this.layoutReady = true;
    for (const cb of this.readyCallbacks.splice(0)) cb();
  }
  getLeavesOfType(type: string): O.WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.view?.getViewType() === type) as unknown as O.WorkspaceLeaf[];
  }
  getRightLeaf(): O.WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app, this.rightEl);
    this.leaves.push(leaf);
    return leaf as unknown as O.WorkspaceLeaf;
  }
  getLeaf(): O.WorkspaceLeaf {
    let leaf = this.leaves.find((l) => l.containerEl.parentElement === this.rootEl);
    if (!leaf) {
      leaf = new WorkspaceLeaf(this.app, this.rootEl);
      this.leaves.push(leaf);
    }
    return leaf as unknown as O.WorkspaceLeaf;
  }
  async revealLeaf(): Promise<void> {}
  setActiveLeaf(leaf: WorkspaceLeaf): void {
    this.activeLeaf = leaf;
    this.trigger('active-leaf-change', leaf);
  }
  getActiveViewOfType<T extends O.View>(type: O.Constructor<T>): T | null {
    const view = this.activeLeaf?.view;
    return view instanceof (type as unknown as typeof View) ? (view as unknown as T) : null;
  }
  async openLinkText(linktext: string, sourcePath: string): Promise<void> {
    const file = this.app.metadataCache.getFirstLinkpathDest(linktext, sourcePath);
    if (file) await this.getLeaf().openFile(file);
  }
  /** Test hook: Obsidian after a keystroke in `view`: the first editor suggest that triggers opens. */
  async runEditorSuggest(view: MarkdownView): Promise<{ suggest: EditorSuggest<unknown>; items: unknown[]; elements: HTMLElement[] } | null> {
    for (const suggest of this.editorSuggest.suggests) {
      const info = suggest.onTrigger(view.editor.getCursor(), view.editor as unknown as O.Editor, view.file as unknown as O.TFile);
      if (!info) continue;
      suggest.context = { ...info, editor: view.editor as unknown as O.Editor, file: view.file as unknown as O.TFile };
      const items = await suggest.getSuggestions(suggest.context);
      const elements = items.map((item) => {
        const el = document.body.createDiv({ cls: 'suggestion-item' });
        suggest.renderSuggestion(item, el);
        return el;
      });
      return { suggest, items, elements };
    }
    return null;
  }
}

export class App {
  readonly vault: Vault;
  readonly metadataCache: MetadataCache;
  readonly workspace: Workspace;
  /** Saved plugin data (what `saveData` wrote), by plugin id. */
  readonly pluginData = new Map<string, unknown>();
  readonly commands = new Map<string, O.Command>();
  readonly codeBlockProcessors = new Map<string, (source: string, el: HTMLElement, ctx: O.MarkdownPostProcessorContext) => unknown>();
  readonly settingTabs: PluginSettingTab[] = [];
  readonly plugins = { enabledPlugins: new Set<string>() };

  constructor(files: Record<string, string> = {}) {
    this.vault = strict(new Vault(files), 'Vault');
    this.metadataCache = strict(new MetadataCache(this.vault), 'MetadataCache');
    this.workspace = strict(new Workspace(this), 'Workspace');
  }

  /** Test hook: runs a command the way the command palette does. */
  async executeCommand(id: string): Promise<void> {
    const command = this.commands.get(id);
    if (!command?.callback) notImplemented(`command ${id}`);
    await command.callback();
  }

  /** Test hook: the reading view renders a fenced code block of `language` in `sourcePath`. */
  renderCodeBlock(language: string, source: string, sourcePath: string): { el: HTMLElement; owner: Component } {
    const handler = this.codeBlockProcessors.get(language);
    if (!handler) notImplemented(`a code block processor for ${language}`);
    const owner = new Component();
    owner.load();
    const el = document.body.createDiv({ cls: 'block-language-' + language });
    const ctx = { docId: 'doc', sourcePath, frontmatter: null, addChild: (child: O.Component) => owner.addChild(child), getSectionInfo: () => null } as unknown as O.MarkdownPostProcessorContext;
    handler(source, el, ctx);
    return { el, owner };
  }
}

export function createApp(files: Record<string, string> = {}): App {
  return strict(new App(files), 'App');
}

// --- plugin -------------------------------------------------------------------------------------

export class Plugin extends Component implements Pick<O.Plugin, 'loadData' | 'saveData' | 'addStatusBarItem' | 'addCommand' | 'addRibbonIcon' | 'registerView' | 'registerMarkdownCodeBlockProcessor' | 'registerEditorSuggest' | 'addSettingTab'> {
  constructor(
    public app: App,
    public manifest: O.PluginManifest,
  ) {
    super();
  }
  async loadData(): Promise<unknown> {
    return structuredClone(this.app.pluginData.get(this.manifest.id) ?? null);
  }
  async saveData(data: unknown): Promise<void> {
    this.app.pluginData.set(this.manifest.id, structuredClone(data));
  }
  addStatusBarItem(): HTMLElement {
    const el = this.app.workspace.statusBarEl.createDiv({ cls: 'status-bar-item' });
    this.register(() => el.remove());
    return el;
  }
  addCommand(command: O.Command): O.Command {
    const id = `${this.manifest.id}:${command.id}`;
    if (command.hotkeys && command.hotkeys.length > 0) throw new Error(`fake obsidian: ${id} sets default hotkeys, which the plugin guidelines ask plugins not to do`);
    this.app.commands.set(id, { ...command, id });
    this.register(() => this.app.commands.delete(id));
    return command;
  }
  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.app.workspace.containerEl.createDiv({ cls: 'side-dock-ribbon-action', attr: { 'aria-label': title, 'data-icon': icon } });
    el.addEventListener('click', (e) => callback(e));
    this.register(() => el.remove());
    return el;
  }
  registerView(type: string, viewCreator: O.ViewCreator): void {
    this.app.workspace.viewCreators.set(type, viewCreator);
    this.register(() => this.app.workspace.viewCreators.delete(type));
  }
  registerMarkdownCodeBlockProcessor(language: string, handler: (source: string, el: HTMLElement, ctx: O.MarkdownPostProcessorContext) => unknown): O.MarkdownPostProcessor {
    if (this.app.codeBlockProcessors.has(language)) throw new Error(`fake obsidian: a processor for ${language} is already registered`);
    this.app.codeBlockProcessors.set(language, handler);
    this.register(() => this.app.codeBlockProcessors.delete(language));
    return handler as unknown as O.MarkdownPostProcessor;
  }
  registerEditorSuggest(editorSuggest: O.EditorSuggest<unknown>): void {
    const suggests = this.app.workspace.editorSuggest.suggests;
    suggests.push(editorSuggest as unknown as EditorSuggest<unknown>);
    this.register(() => suggests.splice(suggests.indexOf(editorSuggest as unknown as EditorSuggest<unknown>), 1));
  }
  addSettingTab(tab: O.PluginSettingTab): void {
    this.app.settingTabs.push(tab as unknown as PluginSettingTab);
  }
}

export class MarkdownRenderChild extends Component {
  constructor(public containerEl: HTMLElement) {
    super();
  }
}

// --- suggest, modals, menus, notices, settings --------------------------------------------------

export abstract class EditorSuggest<T> implements Pick<O.EditorSuggest<T>, 'context' | 'limit' | 'close'> {
  context: O.EditorSuggestContext | null = null;
  limit = 100;
  constructor(public app: App) {}
  abstract onTrigger(cursor: O.EditorPosition, editor: O.Editor, file: O.TFile | null): O.EditorSuggestTriggerInfo | null;
  abstract getSuggestions(context: O.EditorSuggestContext): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void;
  setInstructions(): void {}
  close(): void {
    this.context = null;
  }
}

export class Modal implements Pick<O.Modal, 'open' | 'close' | 'onOpen' | 'onClose'> {
  static opened: Modal[] = [];
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  contentEl: HTMLElement;
  titleEl: HTMLElement;
  constructor(public app: App) {
    this.containerEl = document.createElement('div');
    this.containerEl.addClass('modal-container');
    this.modalEl = this.containerEl.createDiv({ cls: 'modal' });
    this.titleEl = this.modalEl.createDiv({ cls: 'modal-title' });
    this.contentEl = this.modalEl.createDiv({ cls: 'modal-content' });
  }
  open(): void {
    document.body.appendChild(this.containerEl);
    Modal.opened.push(this);
    this.onOpen();
  }
  close(): void {
    this.containerEl.remove();
    Modal.opened = Modal.opened.filter((m) => m !== this);
    this.onClose();
  }
  onOpen(): void {}
  onClose(): void {}
}

export abstract class SuggestModal<T> extends Modal {
  placeholder = '';
  setPlaceholder(placeholder: string): void {
    this.placeholder = placeholder;
  }
  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export abstract class FuzzySuggestModal<T> extends SuggestModal<O.FuzzyMatch<T>> {
  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
  getSuggestions(query: string): O.FuzzyMatch<T>[] {
    const q = query.toLowerCase();
    return this.getItems()
      .filter((item) => this.getItemText(item).toLowerCase().includes(q))
      .map((item) => ({ item, match: { score: 0, matches: [] } }));
  }
  renderSuggestion(value: O.FuzzyMatch<T>, el: HTMLElement): void {
    el.setText(this.getItemText(value.item));
  }
  onChooseSuggestion(value: O.FuzzyMatch<T>, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseItem(value.item, evt);
  }
  /** Test hook: the user types `query` and picks the first match. */
  choose(query: string): T {
    const first = this.getSuggestions(query)[0];
    if (!first) throw new Error(`fake obsidian: nothing in the picker matches "${query}"`);
    this.close();
    this.onChooseSuggestion(first, new KeyboardEvent('keydown', { key: 'Enter' }));
    return first.item;
  }
}

export class MenuItem {
  title = '';
  checked = false;
  action: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;
  setTitle(title: string | DocumentFragment): this {
    this.title = typeof title === 'string' ? title : (title.textContent ?? '');
    return this;
  }
  setChecked(checked: boolean | null): this {
    this.checked = checked === true;
    return this;
  }
  setIcon(): this {
    return this;
  }
  setSection(): this {
    return this;
  }
  onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.action = callback;
    return this;
  }
}

export class Menu {
  static lastShown: Menu | null = null;
  readonly items: MenuItem[] = [];
  addItem(cb: (item: MenuItem) => unknown): this {
    const item = new MenuItem();
    cb(item);
    this.items.push(item);
    return this;
  }
  addSeparator(): this {
    return this;
  }
  showAtMouseEvent(): this {
    Menu.lastShown = this;
    return this;
  }
  showAtPosition(): this {
    Menu.lastShown = this;
    return this;
  }
  /** Test hook: the user clicks the item whose title starts with `title`. */
  click(title: string): void {
    const item = this.items.find((i) => i.title.startsWith(title));
    if (!item?.action) throw new Error(`fake obsidian: no menu item "${title}" (have: ${this.items.map((i) => i.title).join(', ')})`);
    item.action(new MouseEvent('click'));
  }
}

export class Notice {
  static shown: string[] = [];
  constructor(message: string | DocumentFragment) {
    Notice.shown.push(typeof message === 'string' ? message : (message.textContent ?? ''));
  }
  setMessage(message: string | DocumentFragment): this {
    Notice.shown.push(typeof message === 'string' ? message : (message.textContent ?? ''));
    return this;
  }
  hide(): void {}
}

export class PluginSettingTab implements Pick<O.PluginSettingTab, 'display' | 'hide'> {
  containerEl: HTMLElement;
  constructor(
    public app: App,
    public plugin: Plugin,
  ) {
    this.containerEl = document.createElement('div');
  }
  display(): void {}
  hide(): void {}
}

class ValueComponent<T> {
  protected value!: T;
  protected changed: ((value: T) => unknown) | null = null;
  constructor(public readonly el: HTMLElement) {}
  setValue(value: T): this {
    this.value = value;
    return this;
  }
  getValue(): T {
    return this.value;
  }
  onChange(cb: (value: T) => unknown): this {
    this.changed = cb;
    return this;
  }
  /** Test hook: the user changes the value. */
  async change(value: T): Promise<void> {
    this.value = value;
    await this.changed?.(value);
  }
  setPlaceholder(): this {
    return this;
  }
}

class DropdownComponent extends ValueComponent<string> {
  readonly options = new Map<string, string>();
  addOption(value: string, display: string): this {
    this.options.set(value, display);
    return this;
  }
}

class SliderComponent extends ValueComponent<number> {
  setLimits(): this {
    return this;
  }
  setDynamicTooltip(): this {
    return this;
  }
}

export class Setting implements Pick<O.Setting, 'settingEl' | 'nameEl' | 'descEl' | 'controlEl'> {
  settingEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  readonly components: unknown[] = [];
  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: 'setting-item' });
    const info = this.settingEl.createDiv({ cls: 'setting-item-info' });
    this.nameEl = info.createDiv({ cls: 'setting-item-name' });
    this.descEl = info.createDiv({ cls: 'setting-item-description' });
    this.controlEl = this.settingEl.createDiv({ cls: 'setting-item-control' });
    (this.settingEl as unknown as { setting: Setting }).setting = this;
  }
  setName(name: string | DocumentFragment): this {
    this.nameEl.setText(typeof name === 'string' ? name : (name.textContent ?? ''));
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    this.descEl.setText(typeof desc === 'string' ? desc : (desc.textContent ?? ''));
    return this;
  }
  setHeading(): this {
    this.settingEl.addClass('setting-item-heading');
    return this;
  }
  private add<C>(component: C, cb: (c: C) => unknown): this {
    this.components.push(component);
    cb(component);
    return this;
  }
  addText(cb: (c: ValueComponent<string>) => unknown): this {
    return this.add(new ValueComponent<string>(this.controlEl.createEl('input')), cb);
  }
  addTextArea(cb: (c: ValueComponent<string>) => unknown): this {
    return this.add(new ValueComponent<string>(this.controlEl.createEl('textarea')), cb);
  }
  addToggle(cb: (c: ValueComponent<boolean>) => unknown): this {
    return this.add(new ValueComponent<boolean>(this.controlEl.createDiv({ cls: 'checkbox-container' })), cb);
  }
  addDropdown(cb: (c: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl.createEl('select')), cb);
  }
  addSlider(cb: (c: SliderComponent) => unknown): this {
    return this.add(new SliderComponent(this.controlEl.createEl('input')), cb);
  }
}

export const Platform = { isDesktop: true, isMobile: false, isDesktopApp: false, isMobileApp: false, isIosApp: false, isAndroidApp: false, isPhone: false, isTablet: false, isMacOS: false, isWin: false, isLinux: true, isSafari: false, resourcePathPrefix: '' } satisfies typeof O.Platform;

export function setIcon(parent: HTMLElement, iconId: string): void {
  parent.dataset.icon = iconId;
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
}
