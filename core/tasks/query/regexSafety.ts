// Refuse regular expressions that can backtrack catastrophically, as Tasks does (it uses
// safe-regex2: star height above 1, i.e. a repeated group that itself repeats, like `(a+)+`).

const maxPatternLength = 500;

/** An error message, or null when the pattern is acceptable. */
export function checkRegexSafety(pattern: string): string | null {
  if (pattern.length > maxPatternLength) {
    return `Regular expression pattern is too long (${pattern.length} characters, maximum ${maxPatternLength}).`;
  }
  if (hasNestedQuantifier(pattern)) {
    return `Regular expression /${pattern}/ may cause performance problems (possible catastrophic backtracking detected): a repeated group must not repeat inside.`;
  }
  return null;
}

function isRepeat(pattern: string, i: number): boolean {
  const c = pattern[i];
  return c === '*' || c === '+' || (c === '{' && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)));
}

function hasNestedQuantifier(pattern: string): boolean {
  // For each open group: does it contain a repeat?
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      if (isRepeat(pattern, i + 1) && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        if (isRepeat(pattern, i + 1) && stack.length > 0) stack[stack.length - 1] = true;
      }
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      continue;
    }
    if (c === ')') {
      const innerRepeats = stack.pop() ?? false;
      const repeated = isRepeat(pattern, i + 1);
      if (innerRepeats && repeated) return true;
      if ((innerRepeats || repeated) && stack.length > 0) stack[stack.length - 1] = true;
      continue;
    }
    if (isRepeat(pattern, i) && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}
