// Parse throughput over a folder of notes (decode + parseNote + tasksFromNote), beside the plain read of the same bytes.
import { readFileSync } from 'node:fs';
import { decodeNote } from '../../core/markdown/decode.js';
import { parseNote } from '../../core/markdown/parseNote.js';
import { tasksFromNote } from '../../core/tasks/extractTasks.js';
import { defaultTaskSettings } from '../../core/tasks/statuses.js';
import { listWorkspaceFiles } from '../../language-server/node/readWorkspaceFiles.js';
import { round } from './measure.js';

const settings = defaultTaskSettings();

export interface ParseThroughput {
  name: string;
  notes: number;
  megabytes: number;
  tasks: number;
  /** Best of the measured passes, after one pass to warm the JIT. */
  parseMs: number;
  parseMBps: number;
  floorReadMs: number;
  floorReadMBps: number;
}

export async function parseThroughput(name: string, root: string, passes = 3): Promise<ParseThroughput> {
  const files = await listWorkspaceFiles(root, (p) => p.endsWith('.md'));
  const started = performance.now();
  const contents = files.map((f) => readFileSync(f.absolute));
  const readMs = performance.now() - started;
  const bytes = contents.reduce((sum, c) => sum + c.byteLength, 0);
  const pass = () => {
    const t = performance.now();
    let tasks = 0;
    for (let i = 0; i < files.length; i++) {
      const note = parseNote(files[i]!.path, decodeNote(new Uint8Array(contents[i]!)).text);
      tasks += tasksFromNote(note, settings).length;
    }
    return { ms: performance.now() - t, tasks };
  };
  pass();
  const runs = Array.from({ length: passes }, pass).sort((a, b) => a.ms - b.ms);
  const best = runs[0]!;
  const mb = bytes / 1048576;
  return {
    name,
    notes: files.length,
    megabytes: round(mb),
    tasks: best.tasks,
    parseMs: round(best.ms),
    parseMBps: round(mb / (best.ms / 1000)),
    floorReadMs: round(readMs),
    floorReadMBps: round(mb / (readMs / 1000)),
  };
}
