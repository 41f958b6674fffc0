import { describe, expect, it } from 'vitest';
import { explainQuery, parseQuery, runQuery } from '../../../../core/tasks/query/index.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { makeTask } from './makeTask.js';

// Tasks' documentation (docs/Queries/Explaining Queries.md) runs these on 2022-10-21.
const explain = (source: string, today = '2022-10-21') => explainQuery(parseQuery(source, { today }), { today });

describe('explain, as in Tasks’ documentation', () => {
  it('expands dates', () => {
    expect(explain('starts after 2 years ago\nscheduled after 1 week ago\ndue before tomorrow\nexplain')).toBe(
      `Explanation of this Tasks code block query:

  starts after 2 years ago =>
    start date is after 2020-10-21 (Wednesday 21st October 2020) OR no start date

  scheduled after 1 week ago =>
    scheduled date is after 2022-10-14 (Friday 14th October 2022)

  due before tomorrow =>
    due date is before 2022-10-22 (Saturday 22nd October 2022)
`,
    );
  });
  it('explains regular expressions, aligned under the pattern', () => {
    expect(explain('explain\npath regex matches /^Root/Sub-Folder/Sample File\\.md/i')).toBe(
      `Explanation of this Tasks code block query:

  path regex matches /^Root/Sub-Folder/Sample File\\.md/i =>
    using regex:     '^Root\\/Sub-Folder\\/Sample File\\.md' with flag 'i'
`,
    );
  });
  it('shows Boolean combinations', () => {
    expect(explain('explain\nnot done\n(due before tomorrow) AND (is recurring)')).toBe(
      `Explanation of this Tasks code block query:

  not done =>
    status type is TODO or IN_PROGRESS or ON_HOLD

  (due before tomorrow) AND (is recurring) =>
    AND (All of):
      due before tomorrow =>
        due date is before 2022-10-22 (Saturday 22nd October 2022)
      is recurring
`,
    );
  });
  it('shows nested Boolean combinations over continued lines', () => {
    const source = [
      'explain',
      '(                                                                                       \\',
      '    (description includes 1) AND (description includes 2) AND (description includes 3)  \\',
      ') OR (                                                                                  \\',
      '    (description includes 5) AND (description includes 6) AND (description includes 7)  \\',
      ')                                                                                       \\',
      'AND NOT (description includes 7)',
    ].join('\n');
    expect(explain(source)).toBe(
      `Explanation of this Tasks code block query:

  (                                                                                       \\
      (description includes 1) AND (description includes 2) AND (description includes 3)  \\
  ) OR (                                                                                  \\
      (description includes 5) AND (description includes 6) AND (description includes 7)  \\
  )                                                                                       \\
  AND NOT (description includes 7)
   =>
  ( (description includes 1) AND (description includes 2) AND (description includes 3) ) OR ( (description includes 5) AND (description includes 6) AND (description includes 7) ) AND NOT (description includes 7) =>
    OR (At least one of):
      AND (All of):
        description includes 1
        description includes 2
        description includes 3
      AND (All of):
        AND (All of):
          description includes 5
          description includes 6
          description includes 7
        NOT:
          description includes 7
`,
    );
  });
  it('date ranges, next week', () => {
    expect(explain('not done\ndue next week')).toBe(
      `Explanation of this Tasks code block query:

  not done =>
    status type is TODO or IN_PROGRESS or ON_HOLD

  due next week =>
    due date is between:
      2022-10-24 (Monday 24th October 2022) and
      2022-10-30 (Sunday 30th October 2022) inclusive
`,
    );
  });
});

describe('explain: other lines', () => {
  it('no filters; group, sort, layout and limit lines', () => {
    expect(explain('group by due\nsort by priority reverse\nsort by path\nhide edit button\nshort mode\nlimit 1\nlimit groups 5\nignore global query')).toBe(
      `Explanation of this Tasks code block query:

  ignore global query

  No filters supplied. All tasks will match the query.

  group by due

  sort by priority reverse

  sort by path

  hide edit button

  short mode

  At most 1 task.

  At most 5 tasks per group (if any "group by" options are supplied).
`,
    );
  });
  it('single-line explanations: the instruction alone', () => {
    expect(explain('has due date\nis blocked\nstatus.type is TODO\npriority is above none\ndescription includes x')).toBe(
      `Explanation of this Tasks code block query:

  has due date

  is blocked

  status.type is TODO

  priority is above none

  description includes x
`,
    );
  });
  it('dates in or after, on or before; happens; XOR; priority without is', () => {
    const text = explain('due in or after 2022-W42\nhappens on or before 2022-10-25\n(done) XOR (has id)\npriority high');
    expect(text).toContain('due date is on or after 2022-10-17 (Monday 17th October 2022)');
    expect(text).toContain('due, start or scheduled date is on or before 2022-10-25 (Tuesday 25th October 2022)');
    expect(text).toContain('XOR (Exactly one of):\n      done =>\n        status type is DONE or CANCELLED or NON_TASK\n      has id');
    expect(text).toContain('priority high =>\n    priority is high');
  });
  it('placeholders show the expanded line', () => {
    const text = explainQuery(parseQuery('path includes {{query.file.path}}'), { today: '2022-10-21', queryPath: 'a/b.md' });
    expect(text).toContain('  path includes {{query.file.path}} =>\n  path includes a/b.md\n');
  });
  it('the global filter is mentioned first', () => {
    expect(explainQuery(parseQuery('done'), { today: '2022-10-21', globalFilter: '#task' })).toMatch(
      /^Only tasks containing the global filter '#task'\.\n\nExplanation/,
    );
  });
  it('errors are explained', () => {
    expect(explain('banana')).toContain("Query has an error:\n  do not understand 'banana' (line 1).");
  });
  it('runQuery fills explanation only when the query says explain', () => {
    const index = buildTaskIndex([makeTask()]);
    expect(runQuery(parseQuery('not done'), index, { today: '2022-10-21' }).explanation).toBeNull();
    expect(runQuery(parseQuery('not done\nexplain'), index, { today: '2022-10-21' }).explanation).toContain('not done =>');
  });
});
