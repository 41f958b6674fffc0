import { create, insert, remove, search as oramaSearch, type Orama } from '@orama/orama';
import type { ParsedNote } from '../markdown/types.js';
import { type Bm25Store, createBm25Index, type FieldIndex, scoreSheet, topIds, type WeightedTerms } from './bm25Index.js';
import { type NoteDocument, noteDocument, type SectionDocument, sectionDocuments } from './noteDocuments.js';
import { oramaTokenizer, type TermTokenizer, scanTerms, Vocabulary } from './tokenizer.js';

const noteSchema = { title: 'string', body: 'string' } as const;
const sectionSchema = { heading: 'string', body: 'string' } as const;

/** A name in the title outweighs the same word in the body: measured with the eval (ARCHITECTURE.md). */
export const TITLE_BOOST = 2;

function newOrama<S extends Record<string, 'string'>>(schema: S, vocabulary: Vocabulary) {
  return create({
    schema,
    // The sorter would keep a sorted copy of every property for sortBy, which we never use.
    sort: { enabled: false },
    components: { tokenizer: oramaTokenizer(vocabulary), index: createBm25Index() },
  });
}

type NotesDb = ReturnType<typeof newOrama<typeof noteSchema>>;
type SectionsDb = ReturnType<typeof newOrama<typeof sectionSchema>>;

export interface ScoredNote {
  path: string;
  score: number;
}

/**
 * Notes and their heading-level sections, each in an Orama database with our BM25 index
 * component: the notes' for ranking, the sections' for saying which part of a note matched.
 * A note costs its own documents to add, replace or remove.
 */
export class TextIndex {
  readonly vocabulary = new Vocabulary();
  readonly notes: NotesDb = newOrama(noteSchema, this.vocabulary);
  readonly sections: SectionsDb = newOrama(sectionSchema, this.vocabulary);
  private readonly sectionsOf = new Map<string, SectionDocument[]>();
  private readonly preparedNotes = (this.notes.tokenizer as TermTokenizer).prepared;
  private readonly preparedSections = (this.sections.tokenizer as TermTokenizer).prepared;

  get noteCount(): number {
    return this.sectionsOf.size;
  }

  has(path: string): boolean {
    return this.sectionsOf.has(path);
  }

  paths(): IterableIterator<string> {
    return this.sectionsOf.keys();
  }

  setNote(path: string, note: ParsedNote): void {
    this.removeNote(path);
    const doc: NoteDocument = noteDocument(path, note);
    // Tokenized once: the sections' terms are slices of the note's.
    // Views of the scanner's scratch buffer: the index component copies what it keeps. The
    // note's own text is scanned over the body's range (a slice of it scans slower).
    const bodyStart = note.text.length - doc.body.length;
    const { ids: scanned, starts, length } = scanTerms(note.text, this.vocabulary, undefined, bodyStart, note.text.length);
    const ids = scanned.subarray(0, length);
    this.preparedNotes.value = doc.body;
    this.preparedNotes.terms = ids;
    insert(this.notes, doc);
    const sections = sectionDocuments(path, note);
    for (const section of sections) {
      const from = lowerBound(starts, length, section.start);
      const to = lowerBound(starts, length, section.end);
      this.preparedSections.value = section.body;
      this.preparedSections.terms = ids.subarray(from, to);
      insert(this.sections, { id: section.id, heading: section.heading ?? '', body: section.body });
    }
    this.preparedNotes.value = null;
    this.preparedSections.value = null;
    this.sectionsOf.set(path, sections);
  }

  removeNote(path: string): void {
    const sections = this.sectionsOf.get(path);
    if (!sections) return;
    remove(this.notes, path);
    for (const section of sections) remove(this.sections, section.id);
    this.sectionsOf.delete(path);
  }

  sectionsOfNote(path: string): readonly SectionDocument[] {
    return this.sectionsOf.get(path) ?? [];
  }

  /** A typed query through Orama's own search (our BM25 component does the scoring). */
  async search(query: string, limit: number): Promise<ScoredNote[]> {
    const found = await oramaSearch(this.notes, { term: query, limit, boost: { title: TITLE_BOOST } });
    return found.hits.map((hit) => ({ path: hit.id, score: hit.score }));
  }

  /** The note path of an internal document id of the notes' Orama. */
  pathOfNoteId(id: number): string | undefined {
    return this.notes.internalDocumentIDStore.internalIdToId[id - 1];
  }

  /** The `k` best notes for weighted terms among those `keep` accepts: path → BM25 score. */
  topNotes(terms: WeightedTerms, k: number, keep: (path: string) => boolean): Map<string, number> {
    const { scores, touched } = scoreSheet(this.noteStore(), terms, { title: TITLE_BOOST });
    const ids = this.notes.internalDocumentIDStore.internalIdToId;
    const best = topIds(touched, scores, k, (id) => keep(ids[id - 1]!));
    return new Map(best.map((id) => [ids[id - 1]!, scores[id]!]));
  }

  noteStore(): Bm25Store {
    return this.notes.data.index;
  }

  noteField(prop: 'title' | 'body'): FieldIndex {
    return this.noteStore().fields[prop]!;
  }

  sectionField(prop: 'heading' | 'body'): FieldIndex {
    return (this.sections.data.index as Bm25Store).fields[prop]!;
  }
}

export type { Orama };

/** First index whose value is ≥ `value` in the first `length` values of an ascending array. */
function lowerBound(sorted: ArrayLike<number>, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
