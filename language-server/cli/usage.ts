export const usage = `Usage: scriptorium <command> [options]

Commands:
  tasks <dir> [--query <text>] [--json]   list the tasks of a vault or repository (a tree, or JSON)
      --global-filter                     count only checkboxes with the Tasks plugin's global filter tag
  task <dir> <path>:<line> <change>       change one task with a minimal edit of its line
      --done                              mark it done (recurring tasks get their next occurrence)
      --status <symbol>                   set the checkbox status, e.g. --status /
      --set <field>=<value>               set a field (due, scheduled, start, created, done, cancelled,
                                          priority, recurrence, onCompletion, id, dependsOn, role, parent);
                                          an empty value removes it: --set due=
      --depends-on <id | path:line>       make it depend on another task (one without an id gets one)
      --store <dir>                       (task, history) keep the store there, not in <dir>/.scriptorium
  check <dir> [--json] [--global-filter]  report problems: cycles, duplicate ids, invalid dates, broken links, …
                                          (exit 1 when any problem is an error)
  links <dir> [--json]                    every link resolved by Obsidian's rules: counts per note,
                                          unresolved names (JSON: Obsidian's resolvedLinks/unresolvedLinks)
  graph <dir> <note> [--depth N] [--json]
                                          the note's neighbourhood: links, embeds, typed relations
                                          (implements, validates, …), its tasks, their dependencies and
                                          roles, N hops out (default 1); <note> is a path or a link name
  history <dir> [--task <id | path:line>] [--json]
                                          what happened to the tasks (or one task): created, status
                                          from → to, fields changed, completed, deleted; when and how
  demo [dir]                              the task tree, ready and blocked tasks and problems of a vault
  help                                    this text

Dates are relative to today; set SCRIPTORIUM_TODAY=YYYY-MM-DD to pin it.`;
