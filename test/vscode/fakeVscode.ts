// A small fake of the `vscode` module's runtime, for unit tests of the extension's view providers
// (vitest.config.ts aliases `vscode` here). It covers only what those providers use; anything
// else is absent, so a provider reaching for more fails its test instead of passing by accident.
import type * as vscode from 'vscode';

export class Disposable implements vscode.Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> implements vscode.EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event: vscode.Event<T> = (listener, thisArg) => {
    const bound = (e: T) => listener.call(thisArg, e);
    this.listeners.push(bound);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== bound)));
  };
  fire(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor implements vscode.ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon implements vscode.ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  constructor(public value = '') {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly text: string,
  ) {}
  static parse(text: string): Uri {
    const colon = text.indexOf(':');
    return new Uri(text.slice(0, colon), text.slice(colon + 1).replace(/^\/\//, ''), text);
  }
  toString(): string {
    return this.text;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: vscode.Command;
  resourceUri?: Uri;
  accessibilityInformation?: vscode.AccessibilityInformation;
  constructor(
    public label: string | vscode.TreeItemLabel,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}
