package io.quartermaster.cli.config;

import io.quartermaster.cli.CliEnvironment;
import io.quartermaster.cli.CliException;
import io.quartermaster.cli.ExitCodes;
import io.quartermaster.cli.client.Json;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * The config file: {@code $QM_CONFIG}, else {@code $XDG_CONFIG_HOME/qm/config.yaml}, else
 * {@code ~/.config/qm/config.yaml}. It holds API tokens, so it is written owner-only (mode 600, its folder
 * 700), whole or not at all, like an SSH key; one that others can read is used with a warning.
 */
public final class ConfigFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    private final Path path;

    public ConfigFile(Path path) {
        this.path = path;
    }

    public static ConfigFile of(CliEnvironment environment) {
        return new ConfigFile(environment.variable("QM_CONFIG").map(Path::of)
                .orElseGet(() -> environment.variable("XDG_CONFIG_HOME").map(Path::of)
                        .orElseGet(() -> environment.home().resolve(".config"))
                        .resolve("qm").resolve("config.yaml")));
    }

    public Path path() {
        return path;
    }

    public QmConfig read() {
        if (!Files.exists(path)) {
            return QmConfig.EMPTY;
        }
        try {
            QmConfig config = Json.yaml().readValue(Files.readAllBytes(path), QmConfig.class);
            return config == null ? QmConfig.EMPTY : config;
        } catch (IOException | JacksonException e) {
            throw new CliException(ExitCodes.USAGE, "InvalidConfig", "Cannot read " + path + ": " + e.getMessage()
                    + " Fix it, or delete it and log in again.");
        }
    }

    /** Whether others than the owner may read or change the file (worth a warning: it holds tokens). */
    public boolean readableByOthers() {
        try {
            return posix() && Files.exists(path) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the config to a temporary file made owner-only from the start, then moves it in place. */
    public void write(QmConfig config) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                if (posix()) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
                } else {
                    Files.createDirectories(dir);
                }
            }
            Path temp = posix()
                    ? Files.createTempFile(dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(dir, ".config", ".tmp");
            try {
                Files.write(temp, Json.yaml().writeValueAsBytes(config));
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "ConfigNotWritten", "Cannot write " + path + ": " + e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
