import { UserError } from '../../node/loadWorkspace.js';
import { runNodeServer } from '../../node/server.js';

const transports = ['--stdio', '--node-ipc'];

/**
 * `scriptorium serve --stdio`: the language server for any LSP client (Neovim, Helix, Zed). The
 * workspace is the folder the client opens; the process lives until the client says exit.
 */
export async function serveCommand(args: string[]): Promise<number> {
  const transport = args.find((a) => transports.includes(a) || a.startsWith('--socket=') || a.startsWith('--pipe='));
  const unknown = args.filter((a) => a !== transport && !a.startsWith('--clientProcessId'));
  if (!transport || unknown.length > 0)
    throw new UserError(`serve: expected --stdio (or --node-ipc, --socket=<port>, --pipe=<name>)${unknown.length > 0 ? `; did not understand ${unknown.join(' ')}` : ''}.`);
  runNodeServer();
  // The connection keeps the process alive; its exit handler ends it when the client says exit.
  return new Promise<number>(() => undefined);
}
