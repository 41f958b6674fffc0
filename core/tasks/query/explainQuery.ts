// `explain`: the query in words, in Tasks' format — each filter with its dates resolved for
// `today`, Boolean structure indented ("AND (All of):"), then group, sort, layout and limit lines.

import { dateRangeOf } from './compileFilter.js';
import { dayNumber, formatDayLong, systemToday } from './queryDates.js';
import { parseQuery } from './parseQuery.js';
import type { FilterNode, FilterSpec, ParsedQuery, QueryContext, QueryFilter, Statement } from './types.js';

interface Explanation {
  description: string;
  children: Explanation[];
  symbol: '' | 'AND' | 'OR' | 'NOT' | 'XOR';
}

const explanation = (description: string, children: Explanation[] = [], symbol: Explanation['symbol'] = ''): Explanation => ({
  description,
  children,
  symbol,
});

function asString(e: Explanation, indent = ''): string {
  if (e.children.length === 0) return indent + e.description;
  let result = indent;
  if (e.symbol === '') result += e.description;
  else {
    result += e.symbol;
    if (e.children.length > 1) result += ` (${e.description})`;
    result += ':';
  }
  for (const child of e.children) result += `\n${asString(child, indent + '  ')}`;
  return result;
}

/** Tasks flattens `a AND b AND c` into one "All of" list (likewise OR), but not XOR or NOT. */
function combine(description: string, symbol: 'AND' | 'OR', left: Explanation, right: Explanation): Explanation {
  if (left.symbol === symbol && right.symbol === '') {
    return { ...left, children: [...left.children, right] };
  }
  return explanation(description, [left, right], symbol);
}

function explainDate(spec: Extract<FilterSpec, { type: 'date' }>, today: number): Explanation {
  const fieldName = spec.field === 'happens' ? 'due, start or scheduled' : spec.field;
  const orMissing = spec.field === 'start';
  const range = dateRangeOf(spec, today);
  const start = formatDayLong(range.start);
  const end = formatDayLong(range.end);
  let relationship: string;
  let dates: string;
  switch (spec.keyword) {
    case 'before':
    case 'on or after':
      relationship = spec.keyword;
      dates = start;
      break;
    case 'after':
    case 'on or before':
      relationship = spec.keyword;
      dates = end;
      break;
    case 'in or before':
      relationship = 'on or before';
      dates = end;
      break;
    case 'in or after':
      relationship = 'on or after';
      dates = start;
      break;
    default:
      if (range.start !== range.end) {
        const children = [explanation(`${start} and`), explanation(`${end} inclusive`)];
        if (orMissing) children.push(explanation(`OR no ${fieldName} date`));
        return explanation(`${fieldName} date is between:`, children);
      }
      relationship = 'on';
      dates = start;
  }
  return explanation(`${fieldName} date is ${relationship} ${dates}${orMissing ? ` OR no ${fieldName} date` : ''}`);
}

function explainRegex(instruction: string, source: string, flags: string): string {
  const shown = new RegExp(source, flags);
  const flagText = shown.flags.length === 0 ? 'no flags' : shown.flags.length === 1 ? `flag '${shown.flags}'` : `flags '${shown.flags}'`;
  const slash = instruction.indexOf('/');
  const pad = Math.max(0, slash - 2);
  return `${'using regex: '.padEnd(pad)}'${shown.source}' with ${flagText}`;
}

function explainSpec(instruction: string, spec: FilterSpec, today: number): Explanation {
  switch (spec.type) {
    case 'done':
      return explanation(
        spec.done ? 'status type is DONE or CANCELLED or NON_TASK' : 'status type is TODO or IN_PROGRESS or ON_HOLD',
      );
    case 'date':
      return explainDate(spec, today);
    case 'priority':
      return spec.op === 'is'
        ? explanation(`priority is ${/\b(none|normal)$/i.test(instruction) ? instruction.split(/\s+/).pop()!.toLowerCase() : spec.value}`)
        : explanation(instruction);
    case 'text':
      return spec.regex ? explanation(explainRegex(instruction, spec.regex.source, spec.regex.flags)) : explanation(instruction);
    default:
      return explanation(instruction);
  }
}

function explainNode(node: FilterNode, today: number): Explanation {
  switch (node.kind) {
    case 'leaf': {
      const e = explainSpec(node.instruction, node.spec, today);
      // A sub-filter whose explanation differs from its text shows both (Tasks' simulateExplainFilter).
      return asString(e) === node.instruction ? e : explanation(`${node.instruction} =>`, [e]);
    }
    case 'not':
      return explanation('None of', [explainNode(node.child, today)], 'NOT');
    case 'and':
      return combine('All of', 'AND', explainNode(node.left, today), explainNode(node.right, today));
    case 'or':
      return combine('At least one of', 'OR', explainNode(node.left, today), explainNode(node.right, today));
    case 'xor':
      return explanation('Exactly one of', [explainNode(node.left, today), explainNode(node.right, today)], 'XOR');
  }
}

function explainStatement(s: Statement, indent: string): string {
  const rawTrimmed = s.raw.trim();
  let result = indent + rawTrimmed.split('\n').join('\n' + indent);
  if (s.raw.includes('\n')) result += '\n' + indent;
  if (s.text !== rawTrimmed) result += ` =>\n${indent}${s.text}`;
  if (s.expanded !== s.text) result += ` =>\n${indent}${s.expanded}`;
  return result;
}

function explainFilter(filter: QueryFilter, indent: string, today: number): string {
  const statement = explainStatement(filter.statement, indent);
  const node = filter.node;
  const e = node.kind === 'leaf' ? explainSpec(node.instruction, node.spec, today) : explainNode(node, today);
  if (asString(e) === filter.statement.expanded) return `${statement}\n`;
  return `${statement} =>\n${asString(e, indent + '  ')}\n`;
}

function explainStatements(statements: Statement[], indent: string): string {
  if (statements.length === 0) return '';
  return statements.map((s) => explainStatement(s, indent)).join('\n\n') + '\n';
}

/** The body of Tasks' explanation (its Explainer), every line prefixed with `indent`. */
export function explainBody(query: ParsedQuery, today: number, indent = ''): string {
  if (query.errors.length > 0) {
    return `${indent}Query has an error:\n${query.errors.map((e) => indent + e.message).join('\n')}\n`;
  }
  const parts: string[] = [];
  if (query.ignoreGlobalQuery) parts.push(`${indent}ignore global query\n`);
  parts.push(
    query.filters.length === 0
      ? `${indent}No filters supplied. All tasks will match the query.\n`
      : query.filters.map((f) => explainFilter(f, indent, today)).join('\n'),
  );
  parts.push(explainStatements(query.groupers.map((g) => g.statement), indent));
  parts.push(explainStatements(query.sorters.map((s) => s.statement), indent));
  parts.push(explainStatements(query.layoutStatements, indent));
  const limits: string[] = [];
  const atMost = (n: number): string => `At most ${n} task${n === 1 ? '' : 's'}`;
  if (query.limit !== null) limits.push(`${indent}${atMost(query.limit)}.\n`);
  if (query.groupLimit !== null)
    limits.push(`${indent}${atMost(query.groupLimit)} per group (if any "group by" options are supplied).\n`);
  parts.push(limits.join('\n'));
  return parts.filter((p) => p !== '').join('\n');
}

/**
 * Tasks' explain text for a query block: the global filter if any, then
 * "Explanation of this Tasks code block query:" and the body indented by two spaces.
 */
export function explainQuery(query: ParsedQuery, ctx: QueryContext): string {
  const q = query.needsQueryPath && ctx.queryPath !== undefined ? parseQuery(query.source, { ...query.options, queryPath: ctx.queryPath }) : query;
  const today = dayNumber(ctx.today) ?? systemToday();
  let result = '';
  if (ctx.globalFilter) result += `Only tasks containing the global filter '${ctx.globalFilter}'.\n\n`;
  result += `Explanation of this Tasks code block query:\n\n${explainBody(q, today, '  ')}`;
  return result;
}
