package io.quartermaster.agent;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The host agent's entry point. For now it reads and checks its configuration. */
@Command(name = "qm-agent", mixinStandardHelpOptions = true, description = "The Quartermaster host agent.")
public class QmAgent implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "The agent's properties file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        AgentConfig settings = AgentConfig.load(config);
        System.out.println("qm-agent: configuration is valid: server " + settings.serverUrl() + ", driver "
                + settings.driver() + ", hosts " + settings.hosts());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QmAgent()).execute(args));
    }
}
