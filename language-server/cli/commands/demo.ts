import path from 'node:path';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';
import { formatDiagnostic } from './check.js';
import { describeTask, renderTaskTree } from '../taskTree.js';

/** The README's first run: everything the core knows about a vault, on one screen. */
export async function demoCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs('demo', args, {});
  const [dir = 'sample-vault', ...extra] = positionals;
  if (extra.length > 0) throw new UserError('demo: expected at most one directory');
  const started = performance.now();
  const workspace = await loadWorkspace(dir);
  const index = workspace.taskIndex();
  const files = [...workspace.files()];
  const notes = files.filter((f) => f.kind === 'markdown').length;
  const sources = files.filter((f) => f.kind === 'code').length;
  const took = performance.now() - started;
  const section = (title: string, body: string) => process.stdout.write(`\n== ${title} ==\n${body}\n`);

  process.stdout.write(
    `Scriptorium: ${path.resolve(dir)}\n${notes} notes, ${sources} source files, ${index.tasks.length} tasks, read in ${took.toFixed(0)} ms\n`,
  );
  section('Task tree', index.tasks.length > 0 ? renderTaskTree(index.tasks, index) : 'No tasks.');
  const ready = index.ready();
  section(`Ready to start (${ready.length})`, ready.map((t) => `  ${describeTask(t, index)}  ${index.keyOf(t)}`).join('\n') || '  none');
  const blocked = index.tasks.filter((t) => index.isBlocked(t));
  section(`Blocked (${blocked.length})`, blocked.map((t) => `  ${describeTask(t, index)}  ${index.keyOf(t)}`).join('\n') || '  none');
  const critical = index.criticalPath();
  section('Critical path', critical.length > 0 ? `  ${critical.map((t) => t.description || index.keyOf(t)).join('  →  ')}` : '  none');
  const diagnostics = workspace.diagnostics();
  section(`Problems found (${diagnostics.length})`, diagnostics.map((d) => `  ${formatDiagnostic(d)}`).join('\n') || '  none');
  process.stdout.write(`\nTry: npx scriptorium tasks ${dir} --query "not done\\nsort by due"   ·   npx scriptorium check ${dir}\n`);
  return 0;
}
