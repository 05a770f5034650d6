package io.quartermaster.cli.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The config file's content: the servers qm knows (contexts) and which one commands use. */
public record QmConfig(@JsonProperty("current-context") String currentContext, List<ContextEntry> contexts) {

    public static final QmConfig EMPTY = new QmConfig(null, List.of());

    public QmConfig {
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public Optional<ContextEntry> context(String name) {
        return contexts.stream().filter(context -> context.name().equals(name)).findFirst();
    }

    /** This config with the context added, or replacing the one of the same name, and made current. */
    public QmConfig withCurrent(ContextEntry context) {
        List<ContextEntry> changed = new ArrayList<>();
        boolean replaced = false;
        for (ContextEntry existing : contexts) {
            if (existing.name().equals(context.name())) {
                changed.add(context);
                replaced = true;
            } else {
                changed.add(existing);
            }
        }
        if (!replaced) {
            changed.add(context);
        }
        return new QmConfig(context.name(), changed);
    }

    public QmConfig withCurrent(String name) {
        return new QmConfig(name, contexts);
    }

    /** This config without the context; when it was current, no context is current. */
    public QmConfig without(String name) {
        return new QmConfig(name.equals(currentContext) ? null : currentContext,
                contexts.stream().filter(context -> !context.name().equals(name)).toList());
    }
}
