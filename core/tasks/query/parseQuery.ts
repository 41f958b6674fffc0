// Query source → ParsedQuery. One instruction per statement, in Tasks' order of recognition:
// preset, short/full mode, explain, ignore global query, limit, sort by, group by, view,
// hide/show, comment, filter (simple, then Boolean). Unlike Tasks, which stops at the first bad
// line, every bad line gets its own error (line number + what would have been valid), so an
// editor can mark them all; a query with errors matches nothing.

import { looksLikeBoolean, parseBooleanFilter } from './booleanParser.js';
import { filterFamiliesHelp, parseSimpleFilter } from './filterParser.js';
import { continueLines, expandPlaceholders } from './scanner.js';
import { defaultLayout, parseGroupBy, parseHideShow, parseLimit, parseSortBy } from './sortGroupParser.js';
import type { ParsedQuery, ParseQueryOptions, Statement } from './types.js';

const otherInstructionsHelp = [
  'sort by <field> [reverse]',
  'group by <field> [reverse]',
  'limit N',
  'limit groups N',
  'hide|show <element>',
  'short mode',
  'full mode',
  'explain',
  'ignore global query',
  '# comment',
];

export function parseQuery(source: string, options: ParseQueryOptions = {}): ParsedQuery {
  const query: ParsedQuery = {
    source,
    options,
    statements: [],
    filters: [],
    sorters: [],
    groupers: [],
    limit: null,
    groupLimit: null,
    layout: defaultLayout(),
    layoutStatements: [],
    explain: false,
    ignoreGlobalQuery: false,
    needsQueryPath: false,
    errors: [],
  };

  const fail = (statement: Statement, detail: string, prefix = `do not understand '${statement.expanded}'`): void => {
    query.errors.push({
      line: statement.line,
      instruction: statement.text,
      message: `${prefix} (line ${statement.line}). ${detail}`,
    });
  };

  const queue: Statement[] = [];
  const expand = (statement: Statement, text: string, depth: number): void => {
    if (text.startsWith('#')) {
      queue.push({ ...statement, expanded: text });
      return;
    }
    const preset = /^preset\s+(.+)$/i.exec(text);
    const expansion = expandPlaceholders(preset ? `{{preset.${preset[1]!.trim()}}}` : text, options.queryPath, options.presets);
    if (!expansion.ok) {
      if (expansion.needsQueryPath) query.needsQueryPath = true;
      fail(statement, expansion.message, `cannot expand '${text}'`);
      return;
    }
    for (const line of expansion.lines) {
      // A preset may name other presets (Tasks allows it); bounded against cycles.
      if (line !== text && /^preset\s/i.test(line) && depth < 10) expand(statement, line, depth + 1);
      else queue.push({ ...statement, expanded: line });
    }
  };
  for (const statement of continueLines(source)) expand(statement, statement.text, 0);

  for (const statement of queue) {
    query.statements.push(statement);
    parseStatement(query, statement, options, fail);
  }
  query.layout.tree = !query.layout.hide.tree;
  return query;
}

function parseStatement(
  query: ParsedQuery,
  statement: Statement,
  options: ParseQueryOptions,
  fail: (statement: Statement, detail: string, prefix?: string) => void,
): void {
  const line = statement.expanded;
  const lower = line.toLowerCase().replace(/\s+/g, ' ');

  if (line.startsWith('#')) return; // comment
  if (lower === 'short mode' || lower === 'short') {
    query.layout.shortMode = true;
    query.layoutStatements.push(statement);
    return;
  }
  if (lower === 'full mode' || lower === 'full') {
    query.layout.shortMode = false;
    query.layoutStatements.push(statement);
    return;
  }
  if (lower === 'explain') {
    query.explain = true;
    return;
  }
  if (lower === 'ignore global query') {
    query.ignoreGlobalQuery = true;
    return;
  }

  const limit = parseLimit(line);
  if (limit) {
    if ('error' in limit) return fail(statement, limit.error);
    if (limit.groups) query.groupLimit = limit.count;
    else query.limit = limit.count;
    return;
  }

  const sort = parseSortBy(line);
  if (sort) {
    if ('error' in sort) return fail(statement, sort.error);
    query.sorters.push({ statement, ...sort });
    return;
  }

  const group = parseGroupBy(line);
  if (group) {
    if ('error' in group) return fail(statement, group.error);
    query.groupers.push({ statement, ...group });
    return;
  }

  if (/^view\b/i.test(line)) {
    return fail(statement, "The 'view' instruction (Tasks' list and columns views) is not supported yet; results are shown as a list.");
  }

  const layout = parseHideShow(line);
  if (layout) {
    if ('error' in layout) return fail(statement, layout.error);
    query.layout.hide[layout.element] = layout.hide;
    query.layoutStatements.push(statement);
    return;
  }

  const filter = parseSimpleFilter(line, options);
  if (filter) {
    if ('error' in filter) return fail(statement, filter.error);
    query.filters.push({ statement, node: { kind: 'leaf', instruction: line, spec: filter.spec } });
    return;
  }

  if (looksLikeBoolean(line)) {
    const boolean = parseBooleanFilter(line, options);
    if ('error' in boolean) return fail(statement, boolean.error);
    query.filters.push({ statement, node: boolean.node });
    return;
  }

  fail(
    statement,
    `Valid filters: ${filterFamiliesHelp.join('; ')}. Other instructions: ${otherInstructionsHelp.join('; ')}.`,
  );
}
