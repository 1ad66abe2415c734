import { Argument, type Command } from 'commander';
import { completionScript, SHELLS, type Shell } from '../completion/scripts.js';
import { completionTree } from '../completion/tree.js';

/**
 * `cloutapi completion bash|zsh|fish`: a completion script generated from the command tree
 * (every generated command and flag included).
 */
export function configureCompletion(command: Command): void {
  command
    .description('Prints a completion script for your shell, generated from the command tree.')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      `
Install:
  bash  cloutapi completion bash > ~/.local/share/bash-completion/completions/cloutapi
  zsh   cloutapi completion zsh > "\${fpath[1]}/_cloutapi"
  fish  cloutapi completion fish > ~/.config/fish/completions/cloutapi.fish`,
    )
    .action((shell: Shell) => {
      process.stdout.write(completionScript(shell, completionTree(command.parent as Command)));
    });
}
