/** A refusal the agent should read: the tool answers with it as an error result, never a crash. */
export class ToolRefusal extends Error {}

export function refuse(message: string): never {
  throw new ToolRefusal(message);
}
