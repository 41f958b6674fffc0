import { UserError } from '../node/loadWorkspace.js';
import { checkCommand } from './commands/check.js';
import { demoCommand } from './commands/demo.js';
import { graphCommand } from './commands/graph.js';
import { historyCommand } from './commands/history.js';
import { linksCommand } from './commands/links.js';
import { serveCommand } from './commands/serve.js';
import { mcpCommand } from './commands/mcp.js';
import { rolesCommand } from './commands/roles.js';
import { taskCommand } from './commands/task.js';
import { tasksCommand } from './commands/tasks.js';
import { relatedCommand } from './commands/related.js';
import { searchCommand } from './commands/search.js';
import { suggestLinksCommand } from './commands/suggestLinks.js';
import { usage } from './usage.js';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  tasks: tasksCommand,
  task: taskCommand,
  check: checkCommand,
  links: linksCommand,
  graph: graphCommand,
  history: historyCommand,
  roles: rolesCommand,
  mcp: mcpCommand,
  search: searchCommand,
  related: relatedCommand,
  'suggest-links': suggestLinksCommand,
  demo: demoCommand,
  serve: serveCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) throw new UserError(`Unknown command '${name}'. Commands: ${Object.keys(commands).join(', ')}, help.`);
  return command(args);
}

// `scriptorium tasks … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UserError) {
      process.stderr.write(`scriptorium: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`scriptorium: unexpected error: ${message}\nPlease report it; set SCRIPTORIUM_DEBUG=1 for details.\n`);
    if (process.env.SCRIPTORIUM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
