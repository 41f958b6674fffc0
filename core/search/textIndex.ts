import { create, insert, remove, type Orama } from '@orama/orama';
import type { ParsedNote } from '../markdown/types.js';
import { type Bm25Store, createBm25Index, FieldIndex, scoreSheet, topIds, type WeightedTerms } from './bm25Index.js';
import { type NoteDocument, noteDocument, type PackedSections, packSections, type SectionDocument, sectionDocuments, unpackSections } from './noteDocuments.js';
import { oramaTokenizer, type TermTokenizer, scanTerms, termIds, Vocabulary } from './tokenizer.js';

const noteSchema = { title: 'string', body: 'string' } as const;

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

/**
 * Notes in an Orama database with our BM25 index component, for ranking; their heading-level
 * sections, for saying which part of a note matched. Sections are scored a note at a time
 * (sectionMatch.ts), so of them only BM25's statistics are kept: no postings, no documents
 * beyond the note's list (an Orama database of 58k sections held ~10 MB for nothing else).
 * A note costs its own documents to add, replace or remove.
 */
export class TextIndex {
  readonly vocabulary = new Vocabulary();
  readonly notes: NotesDb = newOrama(noteSchema, this.vocabulary);
  private readonly sectionHeadings = new FieldIndex(false);
  private readonly sectionBodies = new FieldIndex(false);
  private readonly sectionsOf = new Map<string, PackedSections>();
  private readonly preparedNotes = (this.notes.tokenizer as TermTokenizer).prepared;

  get noteCount(): number {
    return this.sectionsOf.size;
  }

  has(path: string): boolean {
    return this.sectionsOf.has(path);
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
    const sections = sectionDocuments(note);
    for (const section of sections) {
      const from = lowerBound(starts, length, section.start);
      const to = lowerBound(starts, length, section.end);
      this.sectionBodies.count(ids.subarray(from, to));
      // termIds scans into a scratch buffer of its own: the note's scan stays valid.
      this.sectionHeadings.count(termIds(section.heading ?? '', this.vocabulary));
    }
    this.preparedNotes.value = null;
    this.sectionsOf.set(path, packSections(note.text, sections));
  }

  removeNote(path: string): void {
    const packed = this.sectionsOf.get(path);
    if (!packed) return;
    remove(this.notes, path);
    // Their terms again, from the text they were counted with (kept with them).
    for (const section of unpackSections(packed)) {
      this.sectionBodies.uncount(termIds(section.body, this.vocabulary));
      this.sectionHeadings.uncount(termIds(section.heading ?? '', this.vocabulary));
    }
    this.sectionsOf.delete(path);
  }

  /** The note's sections as indexed (made anew on each call: cheap, a few slices). */
  sectionsOfNote(path: string): readonly SectionDocument[] {
    const packed = this.sectionsOf.get(path);
    return packed ? unpackSections(packed) : [];
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

  /** Packs every note field's postings tight, a page a step (see FieldIndex.packSteps). */
  *packSteps(): Generator<void, void, void> {
    for (const field of Object.values(this.noteStore().fields)) yield* field.packSteps();
  }

  /** The sections' statistics of one property (no postings: idf, counts and lengths only). */
  sectionField(prop: 'heading' | 'body'): FieldIndex {
    return prop === 'heading' ? this.sectionHeadings : this.sectionBodies;
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
