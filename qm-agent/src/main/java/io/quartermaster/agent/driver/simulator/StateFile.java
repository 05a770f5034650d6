package io.quartermaster.agent.driver.simulator;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.MachineStatus;
import io.quartermaster.agent.driver.Snapshots.Snapshot;
import io.quartermaster.agent.driver.Volumes.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulated host's state kept in a JSON file ({@code driver.state-file}), so that the host outlives the
 * agent the way a real hypervisor does. It is replaced whole after every change: written to a temporary
 * file in the same folder and moved over the old one, so a reader (or a restart after a kill) finds either
 * the old state or the new one, never half of one.
 */
final class StateFile {

    /** Everything {@link SimulatedHost} keeps; a missing list or map reads as empty. */
    record State(
            List<MachineStatus> machines,
            Map<UUID, List<Volume>> volumes,
            Map<UUID, List<Snapshot>> snapshots,
            Map<UUID, CustomizationSpec> customizations) {

        State {
            machines = machines == null ? List.of() : machines;
            volumes = volumes == null ? Map.of() : volumes;
            snapshots = snapshots == null ? Map.of() : snapshots;
            customizations = customizations == null ? Map.of() : customizations;
        }
    }

    /**
     * What the file looked like when last read or written: a change by anyone else (an operator editing it
     * while the agent runs) gives another stamp. Each save moves a new file in, so the file key changes too.
     */
    record Stamp(FileTime modified, long sizeBytes, Object fileKey) {

        static final Stamp ABSENT = new Stamp(null, -1, null);
    }

    // Indented: a person looking at a dev host's machines may well open the file.
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * The kept state, or empty when there is no file yet (a new host).
     *
     * @throws IllegalStateException naming the file when it cannot be read or is not a simulator state
     */
    Optional<State> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(file), State.class));
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException("driver.state-file " + file + " cannot be read as the simulator's state ("
                    + describe(e) + "); fix it, or delete it to start with an empty host", e);
        }
    }

    /** The file's stamp now, {@link Stamp#ABSENT} when there is no file (or it cannot be looked at). */
    Stamp stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return Stamp.ABSENT;
        }
    }

    /** One line: Jackson's own message spans several and describes its settings rather than the file. */
    private static String describe(Exception e) {
        if (e instanceof JacksonException json && json.getLocation() != null) {
            return json.getOriginalMessage().lines().findFirst().orElse("") + " at line " + json.getLocation().getLineNr()
                    + ", column " + json.getLocation().getColumnNr();
        }
        return e.toString();
    }

    /**
     * Replaces the file with {@code state}.
     *
     * @return the stamp of the file just written
     * @throws DriverException (retryable) when it cannot be written: the change is made in memory but not kept
     */
    Stamp save(State state) {
        Path temporary = null;
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            Files.write(temporary, JSON.writeValueAsBytes(state));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return stamp();
        } catch (IOException | JacksonException e) {
            throw new DriverException("StateNotSaved", "The simulator could not write driver.state-file " + file + ": "
                    + e.getMessage(), true, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary); // only still there when the move did not happen
        } catch (IOException ignored) {
            // A stray temporary file is harmless: the state file itself is intact.
        }
    }
}
