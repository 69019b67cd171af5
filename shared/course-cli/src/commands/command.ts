export interface CommandContext {
  /** The repository root: the folder with pnpm-workspace.yaml. */
  root: string;
  cwd: string;
  /** The arguments after the command's name. */
  args: string[];
}

export type Command = (ctx: CommandContext) => Promise<number>;
