import { EmbeddingError } from './errors.js';

/**
 * The subset of Hugging Face `tokenizer.json` that static-embedding models (Model2Vec) ship
 * with: WordPiece, Unigram and WordLevel vocabularies behind the usual normalizers and
 * pre-tokenizers. Encodes without special tokens, as Model2Vec does. A file using anything else
 * is refused with the name of the unsupported part, rather than tokenized wrongly.
 */
export interface Tokenizer {
  /** Token ids of `text`, in order; unknown pieces come out as `unknownId`. */
  encode(text: string): number[];
  readonly unknownId: number | null;
  readonly vocabularySize: number;
}

type Json = Record<string, unknown>;
type Normalize = (text: string) => string;
type PreTokenize = (pieces: string[]) => string[];

export function tokenizerFromJson(json: unknown, where: string): Tokenizer {
  const fail = (why: string) => new EmbeddingError(`${where}: ${why}`, 'model');
  if (!isObject(json) || !isObject(json.model)) throw fail('not a Hugging Face tokenizer.json (no "model" object)');
  const normalize = normalizerOf(json.normalizer, fail);
  const preTokenize = preTokenizerOf(json.pre_tokenizer, fail);
  const model = json.model;
  const type = typeof model.type === 'string' ? model.type : guessModelType(model);
  const encodeWord = type === 'WordPiece' ? wordPiece(model, fail) : type === 'Unigram' ? unigram(model, fail) : type === 'WordLevel' ? wordLevel(model, fail) : null;
  if (!encodeWord) throw fail(`its model is "${type}"; supported: WordPiece, Unigram, WordLevel`);
  const cache = new Map<string, readonly number[]>();
  return {
    unknownId: encodeWord.unknownId,
    vocabularySize: encodeWord.size,
    encode(text) {
      const ids: number[] = [];
      for (const word of preTokenize([normalize(text)])) {
        if (word === '') continue;
        let wordIds = cache.get(word);
        if (!wordIds) {
          wordIds = encodeWord.encode(word);
          // Bounded: a vault has a long tail of one-off words.
          if (cache.size > 100_000) cache.clear();
          cache.set(word, wordIds);
        }
        for (const id of wordIds) ids.push(id);
      }
      return ids;
    },
  };
}

interface WordEncoder {
  encode(word: string): number[];
  unknownId: number | null;
  size: number;
}

function wordPiece(model: Json, fail: (why: string) => Error): WordEncoder {
  const vocab = vocabularyObject(model.vocab, fail);
  const unknown = typeof model.unk_token === 'string' ? model.unk_token : '[UNK]';
  const unknownId = vocab.get(unknown) ?? null;
  const prefix = typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : '##';
  const maxChars = typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : 100;
  const unk = unknownId === null ? [] : [unknownId];
  return {
    unknownId,
    size: vocab.size,
    encode(word) {
      const chars = Array.from(word);
      if (chars.length > maxChars) return unk;
      const out: number[] = [];
      let start = 0;
      while (start < chars.length) {
        let end = chars.length;
        let found: number | undefined;
        while (start < end) {
          const piece = (start > 0 ? prefix : '') + chars.slice(start, end).join('');
          found = vocab.get(piece);
          if (found !== undefined) break;
          end--;
        }
        if (found === undefined) return unk;
        out.push(found);
        start = end;
      }
      return out;
    },
  };
}

function wordLevel(model: Json, fail: (why: string) => Error): WordEncoder {
  const vocab = vocabularyObject(model.vocab, fail);
  const unknownId = typeof model.unk_token === 'string' ? vocab.get(model.unk_token) ?? null : null;
  return {
    unknownId,
    size: vocab.size,
    encode: (word) => {
      const id = vocab.get(word) ?? unknownId;
      return id === null ? [] : [id];
    },
  };
}

/** Unigram (SentencePiece): the most probable segmentation, by Viterbi over piece scores. */
function unigram(model: Json, fail: (why: string) => Error): WordEncoder {
  if (!Array.isArray(model.vocab)) throw fail('its Unigram model has no "vocab" list of [piece, score]');
  const pieces = new Map<string, { id: number; score: number }>();
  let minScore = 0;
  let longest = 1;
  model.vocab.forEach((entry: unknown, id) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') throw fail(`its Unigram vocab entry ${id} is not [piece, score]`);
    pieces.set(entry[0], { id, score: entry[1] });
    minScore = Math.min(minScore, entry[1]);
    longest = Math.max(longest, Array.from(entry[0]).length);
  });
  const unknownId = typeof model.unk_id === 'number' ? model.unk_id : null;
  // As SentencePiece: an unknown character costs well below the rarest known piece.
  const unknownScore = minScore - 10;
  return {
    unknownId,
    size: pieces.size,
    encode(word) {
      const chars = Array.from(word);
      const n = chars.length;
      const best = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
      const from = new Int32Array(n + 1);
      const token = new Int32Array(n + 1);
      best[0] = 0;
      for (let start = 0; start < n; start++) {
        if (best[start] === Number.NEGATIVE_INFINITY) continue;
        let piece = '';
        let coveredSingle = false;
        for (let end = start + 1; end <= Math.min(n, start + longest); end++) {
          piece += chars[end - 1];
          const hit = pieces.get(piece);
          if (!hit) continue;
          if (end === start + 1) coveredSingle = true;
          const score = best[start]! + hit.score;
          if (score > best[end]!) {
            best[end] = score;
            from[end] = start;
            token[end] = hit.id;
          }
        }
        if (!coveredSingle) {
          const score = best[start]! + unknownScore;
          if (score > best[start + 1]!) {
            best[start + 1] = score;
            from[start + 1] = start;
            token[start + 1] = unknownId ?? -1;
          }
        }
      }
      const out: number[] = [];
      for (let end = n; end > 0; end = from[end]!) out.push(token[end]!);
      out.reverse();
      // Consecutive unknown characters make one unknown token, as the reference does.
      return out.filter((id, i) => id >= 0 && !(id === unknownId && out[i - 1] === unknownId));
    },
  };
}

function vocabularyObject(vocab: unknown, fail: (why: string) => Error): Map<string, number> {
  if (!isObject(vocab)) throw fail('its model has no "vocab" object of token → id');
  const out = new Map<string, number>();
  for (const [token, id] of Object.entries(vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw fail(`its vocab gives "${token}" the id ${JSON.stringify(id)}`);
    out.set(token, id);
  }
  return out;
}

function guessModelType(model: Json): string {
  if (Array.isArray(model.vocab)) return 'Unigram';
  if ('merges' in model) return 'BPE';
  if ('continuing_subword_prefix' in model || 'max_input_chars_per_word' in model) return 'WordPiece';
  return 'unknown';
}

// ── normalizers ──────────────────────────────────────────────────────────────────

function normalizerOf(spec: unknown, fail: (why: string) => Error): Normalize {
  if (spec === null || spec === undefined) return (t) => t;
  if (!isObject(spec)) throw fail('its "normalizer" is not an object');
  switch (spec.type) {
    case 'Sequence': {
      const steps = (Array.isArray(spec.normalizers) ? spec.normalizers : []).map((s: unknown) => normalizerOf(s, fail));
      return (t) => steps.reduce((acc, step) => step(acc), t);
    }
    case 'BertNormalizer': {
      const lowercase = spec.lowercase !== false;
      const stripAccents = typeof spec.strip_accents === 'boolean' ? spec.strip_accents : lowercase;
      const clean = spec.clean_text !== false;
      const chinese = spec.handle_chinese_chars !== false;
      return (t) => {
        if (clean) t = t.replace(/[\u0000\ufffd]|(?![\t\n\r])\p{C}/gu, '').replace(/\s/gu, ' ');
        if (chinese) t = t.replace(cjk, ' $& ');
        if (stripAccents) t = stripMarks(t);
        return lowercase ? t.toLowerCase() : t;
      };
    }
    case 'Lowercase':
      return (t) => t.toLowerCase();
    case 'StripAccents':
      return stripMarks;
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = spec.type;
      return (t) => t.normalize(form);
    }
    // SentencePiece's compiled character map is, in practice, NFKC plus a few extras.
    case 'Precompiled':
      return (t) => t.normalize('NFKC');
    case 'Strip': {
      const left = spec.strip_left !== false;
      const right = spec.strip_right !== false;
      return (t) => (left && right ? t.trim() : left ? t.trimStart() : right ? t.trimEnd() : t);
    }
    case 'Replace': {
      const pattern = patternOf(spec.pattern, fail);
      const content = typeof spec.content === 'string' ? spec.content : '';
      return (t) => t.replace(pattern, () => content);
    }
    case 'Prepend': {
      const prepend = typeof spec.prepend === 'string' ? spec.prepend : '';
      return (t) => (t === '' ? t : prepend + t);
    }
    default:
      throw fail(`its normalizer "${String(spec.type)}" is not supported`);
  }
}

const cjk = /[\u4e00-\u9fff\u3400-\u4dbf\u{20000}-\u{2a6df}\u{2a700}-\u{2b73f}\u{2b740}-\u{2b81f}\u{2b820}-\u{2ceaf}\uf900-\ufaff\u{2f800}-\u{2fa1f}]/gu;

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '');
}

function patternOf(pattern: unknown, fail: (why: string) => Error): RegExp {
  if (isObject(pattern) && typeof pattern.String === 'string') return new RegExp(pattern.String.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  if (isObject(pattern) && typeof pattern.Regex === 'string') {
    try {
      return new RegExp(pattern.Regex, 'gu');
    } catch {
      throw fail(`its pattern /${pattern.Regex}/ is not a JavaScript regular expression`);
    }
  }
  throw fail('a "Replace" or "Split" step has no String or Regex pattern');
}

// ── pre-tokenizers ───────────────────────────────────────────────────────────────

const bertPunctuation = /[\p{P}!-/:-@[-`{-~]/u;

function preTokenizerOf(spec: unknown, fail: (why: string) => Error): PreTokenize {
  if (spec === null || spec === undefined) return (pieces) => pieces;
  if (!isObject(spec)) throw fail('its "pre_tokenizer" is not an object');
  switch (spec.type) {
    case 'Sequence': {
      const steps = (Array.isArray(spec.pretokenizers) ? spec.pretokenizers : []).map((s: unknown) => preTokenizerOf(s, fail));
      return (pieces) => steps.reduce((acc, step) => step(acc), pieces);
    }
    case 'BertPreTokenizer':
      return (pieces) => pieces.flatMap((p) => p.split(/\s+/u).flatMap(isolatePunctuation));
    case 'WhitespaceSplit':
      return (pieces) => pieces.flatMap((p) => p.split(/\s+/u));
    case 'Whitespace':
      return (pieces) => pieces.flatMap((p) => p.match(/[\p{L}\p{M}\p{N}\p{Pc}]+|[^\p{L}\p{M}\p{N}\p{Pc}\s]+/gu) ?? []);
    case 'Punctuation':
      return (pieces) => pieces.flatMap(isolatePunctuation);
    case 'Digits': {
      const individual = spec.individual_digits === true;
      return (pieces) => pieces.flatMap((p) => p.match(individual ? /\p{Nd}|[^\p{Nd}]+/gu : /\p{Nd}+|[^\p{Nd}]+/gu) ?? []);
    }
    case 'Metaspace': {
      const replacement = typeof spec.replacement === 'string' ? spec.replacement : '\u2581';
      const scheme = typeof spec.prepend_scheme === 'string' ? spec.prepend_scheme : spec.add_prefix_space === false ? 'never' : 'always';
      const split = spec.split !== false;
      return (pieces) =>
        pieces.flatMap((p, index) => {
          let t = p.replaceAll(' ', replacement);
          if ((scheme === 'always' || (scheme === 'first' && index === 0)) && !t.startsWith(replacement)) t = replacement + t;
          if (!split) return [t];
          // Each word keeps the marker in front of it (SentencePiece's "merged with next").
          return t.split(new RegExp(`(?=${replacement.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'u')).filter((w) => w !== '');
        });
    }
    default:
      throw fail(`its pre-tokenizer "${String(spec.type)}" is not supported`);
  }
}

function isolatePunctuation(word: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of word) {
    if (bertPunctuation.test(ch)) {
      if (current) out.push(current);
      out.push(ch);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
