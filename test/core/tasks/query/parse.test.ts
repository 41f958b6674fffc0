import { describe, expect, it } from 'vitest';
import { parseQuery, runQuery } from '../../../../core/tasks/query/index.js';
import { continueLines } from '../../../../core/tasks/query/scanner.js';
import { makeTask } from './makeTask.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { errorsOf, TODAY } from './helpers.js';

describe('statements', () => {
  it('one per line, blank lines dropped, line numbers kept', () => {
    expect(continueLines('not done\n\n  due today  \n').map((s) => [s.line, s.text])).toEqual([
      [1, 'not done'],
      [3, 'due today'],
    ]);
  });
  it('a trailing backslash continues the line; leading space of the next is dropped', () => {
    const [s] = continueLines('(done) OR \\\n    (due today)');
    expect(s).toMatchObject({ line: 1, endLine: 2, text: '(done) OR (due today)', raw: '(done) OR \\\n    (due today)' });
  });
  it('a trailing double backslash is one literal backslash, not a continuation', () => {
    expect(continueLines('description includes a\\\\\nnot done').map((s) => s.text)).toEqual(['description includes a\\', 'not done']);
  });
  it('CRLF source', () => {
    expect(continueLines('done\r\nnot done').map((s) => s.text)).toEqual(['done', 'not done']);
  });
});

describe('instructions', () => {
  it('comments are ignored', () => {
    const q = parseQuery('# a comment\nnot done\n#explain');
    expect(q.errors).toEqual([]);
    expect(q.filters).toHaveLength(1);
    expect(q.explain).toBe(false);
  });
  it('are case-insensitive', () => {
    const q = parseQuery('NOT DONE\nDue Before Tomorrow\nSORT BY DUE REVERSE\nGroup By Path\nLIMIT 5\nHide Edit Button\nShort Mode\nEXPLAIN');
    expect(q.errors).toEqual([]);
    expect(q.sorters).toMatchObject([{ field: 'due', reverse: true }]);
    expect(q.groupers).toMatchObject([{ field: 'path', reverse: false }]);
    expect(q.limit).toBe(5);
    expect(q.layout.hide['edit button']).toBe(true);
    expect(q.layout.shortMode).toBe(true);
    expect(q.explain).toBe(true);
  });
  it('limit forms', () => {
    expect(parseQuery('limit 10').limit).toBe(10);
    expect(parseQuery('limit to 10 tasks').limit).toBe(10);
    expect(parseQuery('limit groups 3').groupLimit).toBe(3);
    expect(parseQuery('limit groups to 1 task').groupLimit).toBe(1);
    expect(parseQuery('limit ten').errors).toHaveLength(1);
  });
  it('later limits overwrite earlier ones; short/full mode: the last wins', () => {
    const q = parseQuery('limit 1\nlimit 7\nshort mode\nfull mode');
    expect(q.limit).toBe(7);
    expect(q.layout.shortMode).toBe(false);
  });
  it('ignore global query, explain', () => {
    const q = parseQuery('ignore global query\nexplain');
    expect(q.ignoreGlobalQuery).toBe(true);
    expect(q.explain).toBe(true);
  });
  it('every sort and group field parses', () => {
    for (const f of ['status', 'status.type', 'status.name', 'due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'happens', 'priority', 'urgency', 'description', 'path', 'filename', 'heading', 'tag', 'id', 'recurring', 'random', 'role', 'state']) {
      expect(parseQuery(`sort by ${f}\nsort by ${f} reverse`).errors).toEqual([]);
    }
    for (const f of ['status', 'status.type', 'status.name', 'due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'happens', 'path', 'folder', 'root', 'filename', 'backlink', 'heading', 'tags', 'priority', 'urgency', 'recurring', 'recurrence', 'id', 'role', 'state']) {
      expect(parseQuery(`group by ${f}\ngroup by ${f} reverse`).errors).toEqual([]);
    }
  });
});

describe('hide and show', () => {
  it('defaults are Tasks’: urgency, tree, group count hidden', () => {
    const { layout } = parseQuery('');
    expect(layout.hide.urgency).toBe(true);
    expect(layout.hide.tree).toBe(true);
    expect(layout.tree).toBe(false);
    expect(layout.hide['due date']).toBe(false);
  });
  it('every element can be hidden and shown', () => {
    const elements = ['id', 'depends on', 'priority', 'recurrence rule', 'on completion', 'created date', 'start date', 'scheduled date', 'due date', 'cancelled date', 'done date', 'backlink', 'urgency', 'tags', 'edit button', 'task count', 'tree', 'postpone button', 'nested backlink', 'toolbar', 'group count'] as const;
    for (const e of elements) {
      expect(parseQuery(`hide ${e}`).layout.hide[e]).toBe(true);
      expect(parseQuery(`hide ${e}\nshow ${e}`).layout.hide[e]).toBe(false);
    }
  });
  it('plural and prefix forms, as Tasks matches prefixes', () => {
    const q = parseQuery('hide backlinks\nshow tree\nhide nested backlink');
    expect(q.layout.hide.backlink).toBe(true);
    expect(q.layout.hide['nested backlink']).toBe(true);
    expect(q.layout.tree).toBe(true);
  });
  it('unknown element lists the valid ones', () => {
    expect(errorsOf('hide everything')[0]).toMatch(/Valid elements to hide or show: .*due date/);
  });
  it('is reported in the result', () => {
    const q = parseQuery('hide priority\nshort mode');
    const r = runQuery(q, buildTaskIndex([makeTask()]), { today: TODAY });
    expect(r.layout.hide.priority).toBe(true);
    expect(r.layout.shortMode).toBe(true);
  });
});

describe('errors', () => {
  it('carry the line number and list what is valid', () => {
    const q = parseQuery('not done\n\nsort by dew\nbanana\nhas due date');
    expect(q.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(q.errors[0]!.message).toMatch(/^do not understand 'sort by dew' \(line 3\)\. Valid sort fields: .*due/);
    expect(q.errors[1]!.message).toMatch(/^do not understand 'banana' \(line 4\)\. Valid filters: done; not done;.*Other instructions: sort by/);
  });
  it('a continued statement reports its first line', () => {
    expect(parseQuery('done\n(due today) AND \\\n  (frobnicate)').errors[0]!.line).toBe(2);
  });
  it('bad values name their family', () => {
    expect(errorsOf('priority is urgent')[0]).toContain('priority is [above|below|not]');
    expect(errorsOf('status.type is WAITING')[0]).toContain('TODO');
    expect(errorsOf('description contains x')[0]).toContain('Valid text filters');
    expect(errorsOf('state is Sleeping')[0]).toContain('InProgress');
    expect(errorsOf('group by colour')[0]).toContain('Valid group fields');
  });
  it('bad and dangerous regexes', () => {
    expect(errorsOf('description regex matches /[123/')[0]).toContain('cannot parse regular expression');
    expect(errorsOf('description regex matches /CASE/&')[0]).toContain('cannot parse regular expression');
    expect(errorsOf('description regex matches CASE')[0]).toContain('/pattern/flags');
    expect(errorsOf('description regex matches /(a+)+$/')[0]).toContain('catastrophic backtracking');
    expect(errorsOf('description regex matches /(ab)+c*/')).toEqual([]);
  });
  it('JavaScript instructions are refused with the reason', () => {
    expect(errorsOf('filter by function task.due.moment')[0]).toContain('does not run JavaScript');
    expect(errorsOf('sort by function task.lineNumber')[0]).toContain('does not run JavaScript');
    expect(errorsOf('group by function task.path')[0]).toContain('does not run JavaScript');
  });
  it('a query with errors matches nothing and returns its errors', () => {
    const q = parseQuery('not done\nbanana');
    const r = runQuery(q, buildTaskIndex([makeTask()]), { today: TODAY });
    expect(r.groups).toEqual([]);
    expect(r.errors).toHaveLength(1);
  });
});

describe('placeholders and presets', () => {
  const tasks = [makeTask({ description: 'here', path: 'Projects/Alpha/plan.md' }), makeTask({ description: 'there', path: 'Other/x.md' })];
  const names = (source: string, queryPath?: string) =>
    runQuery(parseQuery(source), buildTaskIndex(tasks), { today: TODAY, ...(queryPath ? { queryPath } : {}) }).groups.flatMap((g) =>
      g.tasks.map((t) => t.description),
    );
  it('query.file.* expand from the query note', () => {
    expect(names('path includes {{query.file.path}}', 'Projects/Alpha/plan.md')).toEqual(['here']);
    expect(names('folder includes {{query.file.folder}}', 'Projects/Alpha/other.md')).toEqual(['here']);
    expect(names('root includes {{query.file.root}}', 'Projects/readme.md')).toEqual(['here']);
    expect(names('filename includes {{query.file.filename}}', 'Elsewhere/plan.md')).toEqual(['here']);
    expect(names('description includes {{ query.file.filenameWithoutExtension }}', 'a/there.md')).toEqual(['there']);
  });
  it('without a query path: parse defers, runQuery expands with ctx.queryPath', () => {
    const q = parseQuery('path includes {{query.file.path}}');
    expect(q.needsQueryPath).toBe(true);
    expect(q.errors[0]!.message).toContain('no query file path');
    expect(names('path includes {{query.file.path}}', 'Other/x.md')).toEqual(['there']);
  });
  it('placeholders needing JavaScript are refused', () => {
    expect(parseQuery("path includes {{query.file.property('p')}}", { queryPath: 'a.md' }).errors[0]!.message).toContain(
      'not supported',
    );
  });
  it('presets, including presets naming presets', () => {
    const presets = { mine: 'not done\npath includes Alpha', both: '# two\npreset mine\nhide tags', inline: 'path includes Other' };
    const q = parseQuery('preset both\n{{preset.inline}}', { presets });
    expect(q.errors).toEqual([]);
    expect(q.filters.map((f) => f.statement.expanded)).toEqual(['not done', 'path includes Alpha', 'path includes Other']);
    expect(q.layout.hide.tags).toBe(true);
    expect(parseQuery('preset nope', { presets }).errors[0]!.message).toContain("unknown preset 'nope'");
  });
});
