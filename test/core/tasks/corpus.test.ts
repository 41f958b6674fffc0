import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyEdits, setField, setStatus } from '../../../core/tasks/edits.js';
import { taskFromLine } from '../../../core/tasks/extractTasks.js';
import { parseTaskBody } from '../../../core/tasks/fields.js';
import { noteLines } from '../../../core/tasks/noteText.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { bodyColumn, parseTaskLine, serializeTaskLine } from '../../../core/tasks/taskLine.js';
import { corporaRoot, hasCorpora, noticeIfNoCorpora } from '../../support/corpora.js';
import { ctx } from './helpers.js';

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

describe.skipIf(!hasCorpora)('every line of every corpus note', () => {
  noticeIfNoCorpora();
  const vaults = hasCorpora ? readdirSync(corporaRoot).map((c) => path.join(corporaRoot, c, 'vault')) : [];
  const files = vaults.flatMap((v) => { try { return markdownFiles(v); } catch { return []; } });

  test('parseTaskLine/serializeTaskLine round-trips every task line; parseTaskBody never throws', () => {
    let lines = 0;
    let taskLines = 0;
    let withFields = 0;
    const failures: string[] = [];
    for (const file of files) {
      for (const line of noteLines(readFileSync(file, 'utf8'))) {
        lines++;
        const parts = parseTaskLine(line.text);
        if (!parts) continue;
        taskLines++;
        if (serializeTaskLine(parts) !== line.text) failures.push(`${file}: ${line.text}`);
        const body = parseTaskBody(line.text, bodyColumn(parts));
        if (body.fields.length > 0) withFields++;
        for (const f of body.fields) if (line.text.slice(f.valueStart, f.valueEnd) !== f.value) failures.push(`${file}: field columns ${line.text}`);
      }
    }
    console.log(`[corpus] ${files.length} notes, ${lines} lines checked, ${taskLines} task lines round-tripped, ${withFields} with fields`);
    expect(failures).toEqual([]);
    expect(taskLines).toBeGreaterThan(900);
  });

  test('status and field edits on every corpus task change only that line, and re-parse to what was asked', () => {
    const settings = defaultTaskSettings();
    const c = ctx('2024-05-10');
    let edited = 0;
    const failures: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = noteLines(text);
      lines.forEach((line, index) => {
        const task = taskFromLine('n.md', index, line.text, settings);
        if (!task) return;
        const note = { path: 'n.md', text };
        for (const [op, check] of [
          [setStatus(note, task, '/', c), (t: string) => parseTaskLine(t)?.symbol === '/'],
          [setField(note, task, 'due', '2030-01-02', c), (t: string) => taskFromLine('n.md', 0, t, settings)?.dates.due === '2030-01-02'],
          [setField(note, task, 'scheduled', null, c), (t: string) => taskFromLine('n.md', 0, t, settings)?.dates.scheduled === null],
          [setField(note, task, 'priority', 'low', c), (t: string) => taskFromLine('n.md', 0, t, settings)?.priority === 'low'],
        ] as const) {
          if (!op.ok) {
            failures.push(`${file}:${index + 1} refused: ${op.reason}`);
            continue;
          }
          const after = noteLines(applyEdits(text, op.edits.flatMap((e) => e.edits)));
          const same = after.length === lines.length && after.every((l, i) => i === index || (l.text === lines[i]!.text && l.eol === lines[i]!.eol));
          if (!same || !check(after[index]!.text)) failures.push(`${file}:${index + 1}: ${line.text} → ${after[index]?.text}`);
        }
        edited++;
      });
    }
    console.log(`[corpus] ${edited} task lines edited 4 ways`);
    expect(failures.slice(0, 20)).toEqual([]);
  });
});
