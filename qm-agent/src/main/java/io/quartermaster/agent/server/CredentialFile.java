package io.quartermaster.agent.server;

import io.quartermaster.api.agent.Registration;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the agent keeps its registration (id, credential, hosts) between runs: a JSON file only its owner may
 * read, written whole or not at all. The credential is shown once by the server, so losing this file means
 * registering again with a new bootstrap token.
 */
public final class CredentialFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final JsonMapper json;

    public CredentialFile(Path file, JsonMapper json) {
        this.file = file;
        this.json = json;
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public Optional<Registration> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(Files.readAllBytes(file), Registration.class));
    }

    /** Whether others than the owner may read or change the file (worth a warning, as for an SSH key). */
    public boolean readableByOthers() throws IOException {
        if (!posix()) {
            return false;
        }
        return !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
    }

    /** Writes the registration to a temporary file made owner-only from the start, then moves it in place. */
    public void write(Registration registration) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = posix()
                ? Files.createTempFile(dir, ".credential", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".credential", ".tmp");
        try {
            Files.write(temp, json.writeValueAsBytes(registration));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
