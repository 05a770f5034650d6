package io.quartermaster.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qm completion bash|zsh}: the shell completion script for every command and option, made by
 * picocli's generator. The script is bash; zsh runs it through its bash-completion emulation, which the
 * script switches on itself.
 */
@Command(name = "completion", description = "Print a shell completion script for qm (bash or zsh).",
        footer = {"%nExamples:",
            "  source <(qm completion bash)                       # this shell only",
            "  qm completion bash > ~/.local/share/bash-completion/completions/qm",
            "  qm completion zsh > \"${fpath[1]}/_qm\"            # or: source <(qm completion zsh) in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("qm", spec.root().commandLine());
        var out = spec.commandLine().getOut();
        if (shell == Shell.zsh) {
            out.println("# qm completion for zsh: bash-style completion through zsh's bashcompinit.");
            out.println("autoload -U +X compinit && compinit");
            out.println("autoload -U +X bashcompinit && bashcompinit");
        }
        out.print(script);
        out.flush();
        return ExitCodes.OK;
    }
}
