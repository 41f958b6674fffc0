import { MarkdownRenderChild, type MarkdownPostProcessorContext } from 'obsidian';
import type { TaskItem, TaskQueryResult } from '../../../shared-types/protocol.js';
import type { ServerClient } from '../server/serverClient.js';
import { renderTaskRow } from '../tasks/renderTask.js';
import type { TaskActions } from '../tasks/taskActions.js';
import { tasksById } from '../tasks/taskModel.js';

/**
 * Renders ```scriptorium (and ```tasks) blocks through `scriptorium/taskQuery`. When the server
 * says tasks changed, every live block asks again, and only a block whose answer differs from
 * what it shows is redrawn: the others keep their DOM (and the reader's scroll and focus).
 */
export class QueryBlocks {
  private readonly live = new Set<QueryBlock>();

  constructor(
    private readonly client: ServerClient,
    private readonly actions: TaskActions,
  ) {}

  readonly processor = (source: string, el: HTMLElement, ctx: MarkdownPostProcessorContext): void => {
    const block = new QueryBlock(el, source, ctx.sourcePath, this.client, this.actions, this.live);
    ctx.addChild(block);
  };

  /** Call on `tasksChanged`. */
  async update(): Promise<void> {
    await Promise.all([...this.live].map((block) => block.update()));
  }

  get blocks(): ReadonlySet<QueryBlock> {
    return this.live;
  }
}

export class QueryBlock extends MarkdownRenderChild {
  /** How many times the block was drawn: tests check that unaffected blocks are not redrawn. */
  renders = 0;
  private shown: string | null = null;
  /** The server may answer overlapping queries out of order: only the latest question's answer is drawn. */
  private asked = 0;

  constructor(
    containerEl: HTMLElement,
    private readonly source: string,
    private readonly sourcePath: string,
    private readonly client: ServerClient,
    private readonly actions: TaskActions,
    private readonly live: Set<QueryBlock>,
  ) {
    super(containerEl);
  }

  override onload(): void {
    this.live.add(this);
    this.containerEl.addClass('scriptorium-query');
    this.containerEl.createDiv({ cls: 'scriptorium-empty', text: 'Loading tasks…' });
    void this.update();
  }

  override onunload(): void {
    this.live.delete(this);
  }

  async update(): Promise<void> {
    const ticket = ++this.asked;
    let result: TaskQueryResult;
    try {
      result = await this.client.taskQuery({ query: this.source, queryPath: this.sourcePath });
    } catch (error) {
      if (ticket !== this.asked) return;
      this.draw(`error:${String(error)}`, () => this.containerEl.createDiv({ cls: 'scriptorium-query-error', text: `Scriptorium: ${error instanceof Error ? error.message : String(error)}` }));
      return;
    }
    if (ticket !== this.asked) return;
    this.draw(JSON.stringify(result), () => this.renderResult(result));
  }

  private draw(signature: string, render: () => void): void {
    if (signature === this.shown) return;
    this.shown = signature;
    this.renders++;
    this.containerEl.empty();
    render();
  }

  private renderResult(result: TaskQueryResult): void {
    const el = this.containerEl;
    if (result.errors.length > 0) {
      const box = el.createDiv({ cls: 'scriptorium-query-error' });
      box.createDiv({ text: 'Scriptorium could not read this query:' });
      for (const error of result.errors) box.createDiv({ text: `line ${error.line}: ${error.message}` });
      return;
    }
    const tasks: TaskItem[] = result.groups.flatMap((g) => g.tasks);
    const byId = tasksById(tasks);
    for (const group of result.groups) {
      group.headings.forEach((heading, depth) => el.createEl(depth === 0 ? 'h4' : 'h5', { cls: 'scriptorium-query-heading', text: heading }));
      const list = el.createDiv({ cls: 'scriptorium-query-tasks' });
      for (const task of group.tasks) renderTaskRow(list, task, this.actions, byId);
    }
    if (result.explanation) el.createEl('pre', { cls: 'scriptorium-query-explanation', text: result.explanation });
    el.createDiv({ cls: 'scriptorium-query-count', text: `${result.totalMatching} ${result.totalMatching === 1 ? 'task' : 'tasks'}` });
  }
}
