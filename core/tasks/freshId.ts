const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A new task id the way Tasks makes them (6 random `[0-9a-z]`), never one already taken. */
export function freshId(isTaken: (id: string) => boolean, random: () => number = Math.random): string {
  // Collisions get likelier as a vault fills up; a longer id always ends the search.
  for (let attempt = 0; ; attempt++) {
    const length = 6 + Math.floor(attempt / 100);
    let id = '';
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
    if (!isTaken(id)) return id;
    if (attempt > 10_000) return `${id}${attempt.toString(36)}`;
  }
}
