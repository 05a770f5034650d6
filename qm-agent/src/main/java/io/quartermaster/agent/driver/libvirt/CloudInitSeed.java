package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.driver.Customization.CustomizationSpec;
import io.quartermaster.agent.driver.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cloud-init NoCloud seed: an ISO 9660 image labelled {@code cidata} with {@code meta-data} (instance id =
 * machine id, hostname) and {@code user-data} (#cloud-config: hostname, the owner as a user with its SSH keys,
 * a final message carrying the ready marker, then the template's own user-data). Made with genisoimage, into a
 * new file that replaces the old one in one step.
 */
final class CloudInitSeed {

    private final String readyMarker;

    CloudInitSeed(String readyMarker) {
        this.readyMarker = readyMarker;
    }

    String metaData(UUID machineId, CustomizationSpec spec) {
        return "instance-id: " + machineId + "\nlocal-hostname: " + yamlString(spec.hostname()) + "\n";
    }

    /**
     * Our #cloud-config first; the template's user-data is merged in as cloud-init does for several documents: a
     * #cloud-config of the template is appended (its keys win where both set one), anything else (a script) goes
     * as a second part of a multi-part document.
     */
    String userData(CustomizationSpec spec) {
        List<String> lines = new ArrayList<>(List.of("#cloud-config", "hostname: " + yamlString(spec.hostname()),
                "preserve_hostname: false"));
        if (spec.username() != null) {
            lines.add("users:");
            lines.add("  - default");
            lines.add("  - name: " + yamlString(spec.username()));
            lines.add("    sudo: ALL=(ALL) NOPASSWD:ALL");
            lines.add("    shell: /bin/bash");
            lines.add("    ssh_authorized_keys:");
            spec.sshKeys().forEach(key -> lines.add("      - " + yamlString(key)));
        } else if (!spec.sshKeys().isEmpty()) {
            lines.add("ssh_authorized_keys:");
            spec.sshKeys().forEach(key -> lines.add("  - " + yamlString(key)));
        }
        if (!readyMarker.isEmpty()) {
            lines.add("final_message: " + yamlString(readyMarker + " after $UPTIME s"));
        }
        String ours = String.join("\n", lines) + "\n";
        String theirs = spec.userData();
        if (theirs == null || theirs.isBlank()) {
            return ours;
        }
        if (theirs.startsWith("#cloud-config")) {
            return ours + theirs.substring("#cloud-config".length()).stripLeading() + (theirs.endsWith("\n") ? "" : "\n");
        }
        String boundary = "==qm-" + UUID.nameUUIDFromBytes(theirs.getBytes(StandardCharsets.UTF_8)) + "==";
        return "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\nMIME-Version: 1.0\n\n--" + boundary
                + "\nContent-Type: text/cloud-config\n\n" + ours + "\n--" + boundary + "\nContent-Type: "
                + (theirs.startsWith("#!") ? "text/x-shellscript" : "text/plain") + "\n\n" + theirs + "\n--" + boundary + "--\n";
    }

    /** Writes the seed for the machine to {@code target}, replacing an earlier one. */
    void write(UUID machineId, CustomizationSpec spec, Path target) {
        Path work = null;
        try {
            Files.createDirectories(target.getParent());
            work = Files.createTempDirectory(target.getParent(), ".seed-");
            Path content = Files.createDirectory(work.resolve("cidata"));
            Files.writeString(content.resolve("meta-data"), metaData(machineId, spec));
            Files.writeString(content.resolve("user-data"), userData(spec));
            Path iso = work.resolve("seed.iso");
            Process genisoimage = new ProcessBuilder("genisoimage", "-quiet", "-output", iso.toString(), "-volid", "cidata",
                    "-joliet", "-rock", content.resolve("user-data").toString(), content.resolve("meta-data").toString())
                    .redirectErrorStream(true).start();
            String output = new String(genisoimage.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!genisoimage.waitFor(30, TimeUnit.SECONDS) || genisoimage.exitValue() != 0) {
                throw new DriverException("CustomizationFailed", "genisoimage could not make the seed: " + output, false);
            }
            // The template's user-data may hold secrets: owner only (libvirt hands the file to QEMU's user at start).
            Files.setPosixFilePermissions(iso, PosixFilePermissions.fromString("rw-------"));
            Files.move(iso, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            boolean missing = e.getMessage() != null && e.getMessage().contains("genisoimage");
            throw new DriverException(missing ? "CustomizationUnavailable" : "CustomizationFailed", "Making the seed of "
                    + machineId + " failed: " + e.getMessage() + (missing ? " (install genisoimage)" : ""), !missing, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("Interrupted", "Making the seed was interrupted.", true, e);
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // A leftover scratch folder (.seed-…) is harmless.
        }
    }

    /** A YAML double-quoted scalar: safe for any text (keys, names, messages). */
    static String yamlString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c < 0x20 ? String.format("\\x%02x", (int) c) : c);
            }
        }
        return quoted.append('"').toString();
    }
}
