package io.quartermaster.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Makes commands and mixins for picocli, giving those that take one the run's {@link Cli} (constructor
 * {@code (Cli cli)}); everything else is made by picocli's own factory.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Cli cli;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Cli cli) {
        this.cli = cli;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withCli;
        try {
            withCli = type.getDeclaredConstructor(Cli.class);
        } catch (NoSuchMethodException none) {
            return fallback.create(type);
        }
        withCli.setAccessible(true);
        return withCli.newInstance(cli);
    }
}
