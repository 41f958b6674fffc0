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
      --store <dir>                       (task, history) keep the store there, not in <dir>/.scriptorium;
                                          (tasks, check, links, graph) warm start from it and record hand edits,
                                          as they do from <dir>/.scriptorium when a store is already there
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
  roles <dir> [--json] [--roles-folder F] the resolved roles (built-in tree + Roles/ notes and YAML files +
                                          .scriptorium/roles/*.yaml): inherited capabilities, merged
                                          restrictions, where each came from; problems in role files
  mcp <dir> --role <name> [--roles-folder F]
                                          an MCP server over stdio for an agent working under that role
  search <dir> --query <text> [--limit N] [--json]
                                          notes ranked by BM25, meaning and links, with the best section;
      --queries <file.jsonl>              one {"id", "query"} per line → one JSON line per query
  related <dir> <note> [--section <heading>] [--limit N] [--json]
                                          notes related to a note (or one of its sections), with why
  suggest-links <dir> --queries <file.jsonl> [--limit N] [--min-score X] [--exclude <folder>] [--json]
                                          notes worth linking from {"id", "file", "text"} paragraphs:
                                          named ones first (with the phrase), then by meaning
      --embeddings <spec>                 (search, related, suggest-links) an opt-in vector provider;
                                          its vectors are cached in the store (--store <dir>, else
                                          <dir>/.scriptorium when a store is there)
  demo [dir]                              the task tree, ready and blocked tasks and problems of a vault
  serve --stdio                           the language server, for any LSP client (Neovim, Helix, Zed);
                                          the workspace is the folder the client opens
  help                                    this text

Dates are relative to today; set SCRIPTORIUM_TODAY=YYYY-MM-DD to pin it.`;
