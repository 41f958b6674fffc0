import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNote } from '../../../core/markdown/decode.js';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { dwarvesVault, hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../../support/corpora.js';

noticeIfNoCorpora();

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...markdownFiles(full));
    else if (entry.endsWith('.md')) out.push(full);
  }
  return out;
}

describe.skipIf(!hasCorpora)('every note of both corpora', () => {
  for (const vault of [tasksDemoVault, dwarvesVault]) {
    it(`${path.basename(path.dirname(vault))}: decodes, parses without throwing and round-trips its lines`, () => {
      const files = markdownFiles(vault);
      expect(files.length).toBeGreaterThan(50);
      let listItems = 0;
      for (const file of files) {
        const bytes = new Uint8Array(readFileSync(file));
        const decoded = decodeNote(bytes);
        const note = parseNote(path.relative(vault, file), decoded.text);
        expect(note.lines.map((l) => l.text + l.eol).join('')).toBe(note.text);
        expect(note.text).toBe(decoded.text);
        expect(note.diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
        for (const i of note.taskItems) expect(note.listItems[i]!.checkbox).not.toBeNull();
        listItems += note.listItems.length;
      }
      expect(listItems).toBeGreaterThan(0);
    });
  }
});
