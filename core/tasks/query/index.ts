// Obsidian Tasks' query language over the task index.
export { parseQuery } from './parseQuery.js';
export { runQuery } from './runQuery.js';
export { explainQuery } from './explainQuery.js';
export type {
  ParsedQuery,
  ParseQueryOptions,
  QueryContext,
  QueryError,
  QueryGroup,
  QueryLayout,
  QueryResult,
  LayoutElement,
  Statement,
  FilterNode,
  FilterSpec,
  SortField,
  GroupField,
} from './types.js';
