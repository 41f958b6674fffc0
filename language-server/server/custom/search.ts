import type { CancellationToken } from 'vscode-languageserver';
import type { Position, Range } from '../../../shared-types/index.js';
import {
  ScriptoriumRequest,
  type RelatedNotesResult,
  type SearchResult,
  type SuggestLinksResult,
} from '../../../shared-types/protocol.js';
import type { Line } from '../../../core/markdown/types.js';
import { noteName } from '../../../core/search/searchService.js';
import { offsetAt, positionAt, splitLines } from '../../../core/text/lines.js';
import { guard, invalidParams, objectParams, optionalInteger, stringParam } from '../guard.js';
import type { ServerContext } from '../serverContext.js';
import { defaultSuggestionLimit } from '../serverSettings.js';
import { checkpoint } from '../yieldNow.js';

/**
 * `scriptorium/search`, `relatedNotes` and `suggestLinks` on core/search's SearchService, as
 * the server keeps it (server/searchIndex.ts: built in slices after indexing, then updated with
 * the files changed since the last use).
 */
export function registerSearch(context: ServerContext): void {
  const current = () => context.search.forQuery();
  const uris = () => context.uris();
  const pathOf = (method: string, uri: string): string => {
    const path = uris().pathOf(uri);
    if (path === null) throw invalidParams(method, `'${uri}' is not inside the workspace.`);
    return path;
  };

  const search = ScriptoriumRequest.search;
  context.connection.onRequest(
    search,
    guard(search, context.log, async (raw: unknown, token: CancellationToken): Promise<SearchResult> => {
      const params = objectParams(search, raw);
      const query = stringParam(search, params, 'query');
      const limit = optionalInteger(search, params, 'limit', 1, 1000) ?? 20;
      await checkpoint(token);
      const hits = await (await current()).search(query, { limit });
      return { hits: hits.map((h) => ({ path: h.path, uri: uris().uriOf(h.path), title: noteName(h.path), score: h.score, heading: h.heading ?? null })) };
    }),
  );

  const related = ScriptoriumRequest.relatedNotes;
  context.connection.onRequest(
    related,
    guard(related, context.log, async (raw: unknown, token: CancellationToken): Promise<RelatedNotesResult> => {
      const params = objectParams(related, raw);
      const path = pathOf(related, stringParam(related, params, 'uri'));
      const preferences = context.settings().suggestions ?? {};
      const limit = optionalInteger(related, params, 'limit', 1, 1000) ?? preferences.limit ?? defaultSuggestionLimit;
      const range = params.range === undefined || params.range === null ? null : rangeParam(related, params.range);
      await checkpoint(token);
      const section = range ? sectionAt(context, path, range.start.line) : undefined;
      const kept = keeps(preferences.excludeFolders ?? []);
      const minScore = preferences.minScore ?? 0;
      // Some answers may be left out below: ask for more than the limit when they can be.
      const asked = kept === null && minScore === 0 ? limit : limit * 2 + 20;
      const notes = (await (await current()).related(path, { limit: asked, ...(section ? { section } : {}) }))
        .filter((n) => n.score >= minScore && (kept === null || kept(n.path)))
        .slice(0, limit);
      return {
        notes: notes.map((n) => ({ path: n.path, uri: uris().uriOf(n.path), title: noteName(n.path), score: n.score, ...(n.why ? { snippet: n.why } : {}) })),
      };
    }),
  );

  const suggest = ScriptoriumRequest.suggestLinks;
  context.connection.onRequest(
    suggest,
    guard(suggest, context.log, async (raw: unknown, token: CancellationToken): Promise<SuggestLinksResult> => {
      const params = objectParams(suggest, raw);
      const path = pathOf(suggest, stringParam(suggest, params, 'uri'));
      const preferences = context.settings().suggestions ?? {};
      const limit = optionalInteger(suggest, params, 'limit', 1, 1000) ?? preferences.limit ?? defaultSuggestionLimit;
      const range = params.range === undefined || params.range === null ? null : rangeParam(suggest, params.range);
      await checkpoint(token);
      const file = context.state.workspace.file(path);
      if (!file) throw invalidParams(suggest, `${path} is not in the workspace.`);
      const lines = splitLines(file.text);
      const from = range ? offsetIn(lines, file.text, range.start) : 0;
      const to = range ? offsetIn(lines, file.text, range.end) : file.text.length;
      const suggestions = await (await current()).suggestLinks(
        { file: path, text: file.text.slice(from, Math.max(from, to)) },
        { limit, ...(preferences.minScore !== undefined ? { minScore: preferences.minScore } : {}), ...(preferences.excludeFolders ? { excludeFolders: preferences.excludeFolders } : {}) },
      );
      return {
        suggestions: suggestions.map((s) => ({
          path: s.target,
          uri: uris().uriOf(s.target),
          title: noteName(s.target),
          score: s.score,
          phrase: s.phrase
            ? { text: s.phrase.text, range: { start: positionAt(lines, from + s.phrase.start), end: positionAt(lines, from + s.phrase.end) } }
            : null,
          ...(s.why ? { why: s.why } : {}),
        })),
      };
    }),
  );
}

/** The heading of the section holding `line` (the last heading at or above it); undefined above the first heading. */
function sectionAt(context: ServerContext, path: string, line: number): string | undefined {
  const headings = context.state.workspace.file(path)?.note?.headings ?? [];
  let found: string | undefined;
  for (const heading of headings) if (heading.line <= line && heading.text.trim() !== '') found = heading.text;
  return found;
}

/** Whether a note lies outside the excluded folders; null when none are. */
function keeps(folders: readonly string[]): ((path: string) => boolean) | null {
  if (folders.length === 0) return null;
  const prefixes = folders.map((f) => `${f.toLowerCase()}/`);
  return (path) => !prefixes.some((p) => path.toLowerCase().startsWith(p));
}

function rangeParam(method: string, raw: unknown): Range {
  const bad = () => invalidParams(method, "'range' must be { start: { line, character }, end: { line, character } }.");
  const position = (p: unknown): Position => {
    const v = p as Partial<Position> | null;
    if (!v || !Number.isInteger(v.line) || !Number.isInteger(v.character) || v.line! < 0 || v.character! < 0) throw bad();
    return { line: v.line!, character: v.character! };
  };
  const r = raw as Partial<Range> | null;
  if (!r || typeof r !== 'object') throw bad();
  return { start: position(r.start), end: position(r.end) };
}

/** `p` as an offset into `text`; a position past the last line is the end of the text. */
function offsetIn(lines: readonly Line[], text: string, p: Position): number {
  return p.line >= lines.length ? text.length : offsetAt(lines, p);
}
