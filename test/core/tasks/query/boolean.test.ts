import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../core/tasks/query/index.js';
import { makeTask } from './makeTask.js';
import { errorsOf, matching } from './helpers.js';

// Every combination of the tags #XX, #YY, #ZZ, named by the tags it has.
const combos = ['', 'X', 'Y', 'Z', 'XY', 'XZ', 'YZ', 'XYZ'];
const tasks = combos.map((c) =>
  makeTask({ description: c === '' ? 'none' : c, tags: [...c].map((l) => `${l}${l}`) }),
);
const names = (q: string) => matching(q, tasks).sort();

describe('Boolean operators', () => {
  it('AND', () => {
    expect(names('(tags include #XX) AND (tags include #YY)')).toEqual(['XY', 'XYZ']);
  });
  it('OR', () => {
    expect(names('(tags include #XX) OR (tags include #YY)')).toEqual(['X', 'XY', 'XYZ', 'XZ', 'Y', 'YZ']);
  });
  it('NOT', () => {
    expect(names('NOT (tags include #XX)')).toEqual(['Y', 'YZ', 'Z', 'none']);
  });
  it('AND NOT / OR NOT', () => {
    expect(names('(tags include #XX) AND NOT (tags include #YY)')).toEqual(['X', 'XZ']);
    expect(names('(tags include #XX) OR NOT (tags include #YY)')).toEqual(['X', 'XY', 'XYZ', 'XZ', 'Z', 'none']);
  });
  it('XOR', () => {
    expect(names('(tags include #XX) XOR (tags include #YY)')).toEqual(['X', 'XZ', 'Y', 'YZ']);
  });
  it('chained XOR also matches all three (as Tasks warns)', () => {
    expect(names('(tags include #XX) XOR (tags include #YY) XOR (tags include #ZZ)')).toEqual(['X', 'XYZ', 'Y', 'Z']);
  });
});

describe('precedence NOT > XOR > AND > OR, and parentheses', () => {
  it('OR binds looser than AND', () => {
    expect(names('(tags include #XX) OR (tags include #YY) AND (tags include #ZZ)')).toEqual(
      names('(tags include #XX) OR ( (tags include #YY) AND (tags include #ZZ) )'),
    );
    expect(names('(tags include #XX) AND (tags include #YY) OR (tags include #ZZ)')).toEqual(
      names('( (tags include #XX) AND (tags include #YY) ) OR (tags include #ZZ)'),
    );
  });
  it('XOR binds tighter than AND', () => {
    expect(names('(tags include #XX) AND (tags include #YY) XOR (tags include #ZZ)')).toEqual(['XY', 'XZ']);
  });
  it('nested parentheses', () => {
    expect(
      names('NOT ( (tags include #XX) AND (tags include #YY) AND (tags include #ZZ) )'),
    ).toEqual(['X', 'XY', 'XZ', 'Y', 'YZ', 'Z', 'none']);
    expect(
      names(
        '( (tags includes #XX) AND (tags does not include #YY) AND (tags does not include #ZZ) ) OR ( (tags includes #YY) AND (tags does not include #XX) AND (tags does not include #ZZ) ) OR ( (tags includes #ZZ) AND (tags does not include #XX) AND (tags does not include #YY) )',
      ),
    ).toEqual(['X', 'Y', 'Z']);
  });
});

describe('delimiters', () => {
  it('[ ], { } and " " work like ( )', () => {
    const expected = ['XY', 'XYZ'];
    expect(names('[tags include #XX] AND [tags include #YY]')).toEqual(expected);
    expect(names('{tags include #XX} AND {tags include #YY}')).toEqual(expected);
    expect(names('"tags include #XX" AND "tags include #YY"')).toEqual(expected);
  });
  it('a filter whose text ends in ) needs other delimiters', () => {
    const t = [makeTask({ description: 'a (maybe)' }), makeTask({ description: 'b (perhaps)' }), makeTask({ description: 'c' })];
    expect(matching('[description includes (maybe)] OR [description includes (perhaps)]', t).sort()).toEqual([
      'a (maybe)',
      'b (perhaps)',
    ]);
    const [message] = errorsOf('(description includes (maybe)) OR (description includes (perhaps))');
    expect(message).toContain('Boolean');
    expect(message).toContain('(f1)) OR (f2))');
  });
  it('mixing delimiters is an error', () => {
    expect(errorsOf('(not done) AND {is recurring}')[0]).toContain('delimiters');
  });
  it('line continuations build one Boolean line', () => {
    expect(names('(tags include #XX) AND \\\n    (tags include #YY)')).toEqual(['XY', 'XYZ']);
  });
});

describe('sub-filters of every family', () => {
  it('dates, status, recurrence', () => {
    const t = [
      makeTask({ description: 'recurring overdue', due: '2022-10-01', recurrence: 'every day' }),
      makeTask({ description: 'overdue', due: '2022-10-01' }),
      makeTask({ description: 'recurring later', due: '2022-12-01', recurrence: 'every day' }),
    ];
    expect(matching('(due before tomorrow) AND (is recurring)', t)).toEqual(['recurring overdue']);
    expect(matching('NOT (due on 2022-10-01)', t)).toEqual(['recurring later']);
    expect(matching('(not done) AND (priority is none) AND (no tags)', t)).toHaveLength(3);
  });
});

describe('errors', () => {
  it('unbalanced parentheses', () => {
    expect(errorsOf('(tags includes #XX) AND (tags includes #YY')).toHaveLength(1);
    expect(errorsOf('(tags includes #XX) AND (tags includes #YY))')[0]).toContain('malformed boolean query');
  });
  it('a bad sub-filter names itself', () => {
    const [message] = errorsOf('(due befor tomorrow) AND (is recurring)');
    expect(message).toContain("couldn't parse sub-expression 'due befor tomorrow'");
    expect(message).toContain('(line 1)');
  });
  it('operators are case-sensitive', () => {
    expect(errorsOf('(done) and (is recurring)')).toHaveLength(1);
  });
  it('never throws on odd input', () => {
    for (const src of ['(', ')', '()', 'NOT', 'NOT ()', '(a) AND', 'AND (done)', '"', '""', '(done) AND ((done)']) {
      expect(() => parseQuery(src)).not.toThrow();
      expect(parseQuery(src).errors.length).toBeGreaterThan(0);
    }
  });
});
