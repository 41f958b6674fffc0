import type { Disposable } from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/**
 * The part of a language client the views and commands use: requests and notifications by
 * method name. A vscode-languageclient LanguageClient (node or browser) is one; tests pass a fake.
 */
export interface ServerConnection {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
  // The handler's parameter type depends on the method; each caller names its params type.
  onNotification(method: string, handler: (params: never) => void): Disposable;
}

/** The client's overloaded methods, narrowed to the by-name forms. */
export function connectionOf(client: BaseLanguageClient): ServerConnection {
  return {
    sendRequest: <R>(method: string, params?: unknown) => client.sendRequest<R>(method, params),
    onNotification: (method, handler) => client.onNotification(method, handler as (params: unknown) => void),
  };
}
