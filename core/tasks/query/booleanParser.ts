// Boolean filter lines: `(due before tomorrow) AND NOT [is recurring]`. Follows Tasks'
// BooleanPreprocessor: one delimiter pair per line, chosen by the first and last characters
// — `(…)`, `[…]`, `{…}` or `"…"` — the line is split at operator boundaries into sub-filters
// (f1, f2, …) and a simplified line such as `(f1) AND NOT (f2)`, which is then parsed with
// Tasks' precedence NOT > XOR > AND > OR. Operators are case-sensitive, as in Tasks.

import { parseSimpleFilter, type FilterParseOptions } from './filterParser.js';
import type { FilterNode } from './types.js';

const delimiterPairs: [string, string][] = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['"', '"'],
];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const anyOf = (chars: string): string => `[${escapeRe(chars)}]`;

/** Tasks' test for "this line looks like a Boolean combination". */
const looksBoolean = /(.*(AND|OR|XOR|NOT)\s*[([{"].*|[([{"].+[)\]}"])/;

export function looksLikeBoolean(line: string): boolean {
  return looksBoolean.test(line);
}

export type BooleanParse = { node: FilterNode } | { error: string };

interface Preprocessed {
  simplified: string;
  filters: Map<string, string>;
}

function preprocess(line: string, open: string, close: string): Preprocessed {
  const openRe = anyOf(open);
  const closeRe = anyOf(close);
  const openAndClose = open === close ? open : open + close;
  const binary = new RegExp(`(${closeRe}\\s*(?:AND|OR|AND +NOT|OR +NOT|XOR)\\s*${openRe})`);
  const unary = new RegExp(`(NOT\\s*${openRe})`);
  const leading = new RegExp(`(^${anyOf(open + ' ')}*)`);
  const trailing = new RegExp(`(${anyOf(close + ' ')}*$)`);
  const parts = line
    .split(binary)
    .flatMap((s) => s.split(unary))
    .filter((s) => s !== '')
    .flatMap((s) => s.split(leading))
    .flatMap((s) => s.split(trailing))
    .filter((s) => s !== '');

  const notFilters = [
    new RegExp(`^${anyOf(' ' + openAndClose)}+$`),
    new RegExp(`^ *${closeRe} *(AND|OR|XOR) *${openRe} *$`),
    new RegExp(`^(AND|OR|XOR|NOT) *${openRe}$`),
    new RegExp(`^${closeRe} *(AND|OR|XOR)$`),
    /^(AND|OR|XOR|NOT)$/,
  ];
  const filters = new Map<string, string>();
  let simplified = '';
  for (const part of parts) {
    if (notFilters.some((re) => re.test(part))) {
      simplified += part;
    } else {
      const placeholder = `f${filters.size + 1}`;
      filters.set(placeholder, part);
      simplified += placeholder;
    }
  }
  simplified = simplified.replace(new RegExp(`(${closeRe})([A-Z])`, 'g'), '$1 $2');
  simplified = simplified.replace(new RegExp(`([A-Z])(${openRe})`, 'g'), '$1 $2');
  if (open === '"') simplified = simplified.replace(/"/g, ' ');
  else if (open !== '(') simplified = simplified.replace(new RegExp(openRe, 'g'), '(').replace(new RegExp(closeRe, 'g'), ')');
  return { simplified, filters };
}

type Token = { kind: 'open' | 'close' | 'op' | 'id'; value: string };

function tokenize(simplified: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\()|(\))|(AND|OR|XOR|NOT)\b|(f\d+)\b|(\S+))/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < simplified.length && (m = re.exec(simplified))) {
    if (m[1]) tokens.push({ kind: 'open', value: '(' });
    else if (m[2]) tokens.push({ kind: 'close', value: ')' });
    else if (m[3]) tokens.push({ kind: 'op', value: m[3] });
    else if (m[4]) tokens.push({ kind: 'id', value: m[4] });
    else if (m[5]) throw new Error(`Invalid token '${m[5]}'`);
    else break; // trailing whitespace
  }
  return tokens;
}

/** Recursive descent over the simplified line; leaves are resolved by `leaf`. */
function parseTokens(tokens: Token[], leaf: (id: string) => FilterNode): FilterNode {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (value: string): boolean => peek()?.kind === 'op' && peek()?.value === value;
  const binary = (next: () => FilterNode, op: string, kind: 'and' | 'or' | 'xor') => (): FilterNode => {
    let left = next();
    while (isOp(op)) {
      pos++;
      left = { kind, left, right: next() };
    }
    return left;
  };
  const unary = (): FilterNode => {
    if (isOp('NOT')) {
      pos++;
      return { kind: 'not', child: unary() };
    }
    const t = tokens[pos++];
    if (!t) throw new Error('Unexpected end of expression');
    if (t.kind === 'id') return leaf(t.value);
    if (t.kind === 'open') {
      const inner = or();
      const closing = tokens[pos++];
      if (closing?.kind !== 'close') throw new Error("Missing ')'");
      return inner;
    }
    throw new Error(`Unexpected '${t.value}'`);
  };
  const xor = binary(unary, 'XOR', 'xor');
  const and = binary(xor, 'AND', 'and');
  const or = binary(and, 'OR', 'or');
  const node = or();
  if (pos < tokens.length) throw new Error(`Unexpected '${tokens[pos]!.value}'`);
  return node;
}

const help = 'For help, see https://publish.obsidian.md/tasks/Queries/Combining+Filters';

export function parseBooleanFilter(line: string, options: FilterParseOptions = {}): BooleanParse {
  const intro = `Could not interpret the instruction as a Boolean combination`;
  const trimmed = line.trim();
  const withoutLeadingOperators = /^[A-Z ]*\s*(.*)$/.exec(trimmed)?.[1] ?? '';
  const first = withoutLeadingOperators[0];
  const last = withoutLeadingOperators.slice(-1);
  const pair = delimiterPairs.find(([o, c]) => first === o && last === c);
  if (!pair) {
    return {
      error: `${intro}: all filters in a Boolean instruction must be inside one of these pairs of delimiters: (...) or [...] or {...} or "...", one kind per line; operators are AND, OR, XOR, NOT, AND NOT, OR NOT (capitals). ${help}`,
    };
  }
  const { simplified, filters } = preprocess(trimmed, pair[0], pair[1]);
  const parsed = new Map<string, FilterNode>();
  let subError: string | null = null;
  const leaf = (id: string): FilterNode => {
    const text = filters.get(id);
    if (text === undefined) throw new Error(`Unknown sub-expression ${id}`);
    const cached = parsed.get(id);
    if (cached) return cached;
    const result = parseSimpleFilter(text.trim(), options);
    if (result === null) {
      subError ??= `couldn't parse sub-expression '${text}': do not understand it`;
      throw new Error(subError);
    }
    if ('error' in result) {
      subError ??= `couldn't parse sub-expression '${text}': ${result.error}`;
      throw new Error(subError);
    }
    const node: FilterNode = { kind: 'leaf', instruction: text.trim(), spec: result.spec };
    parsed.set(id, node);
    return node;
  };
  try {
    const tokens = tokenize(simplified);
    return { node: parseTokens(tokens, leaf) };
  } catch (e) {
    const message = subError ?? `malformed boolean query -- ${(e as Error).message}`;
    const subs = [...filters.entries()].map(([id, text]) => `'${id}': '${text}'`).join(', ');
    return {
      error: `${intro}: ${message}. The line was read as '${simplified.trim()}' where ${subs || 'there are no sub-expressions'}. ${help}`,
    };
  }
}
