package io.quartermaster.server.images;

import io.quartermaster.api.images.DiskImageHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The image files, in one directory ({@code qm.images.dir}). An upload is written to a {@code .part} file
 * while its SHA-256 and size are computed, and only renamed to its final name once accepted, so a file
 * under a final name is always complete. {@code .part} files left by a crash are removed at start-up.
 */
@Component
class ImageStore {

    private static final Logger log = LoggerFactory.getLogger(ImageStore.class);
    private static final String PART = ".part";
    private static final int BUFFER_BYTES = 1 << 20;

    /** An upload received in full: where it waits, how big it is, its SHA-256 and its first bytes. */
    record Received(Path part, long sizeBytes, String sha256, byte[] head) {}

    private final Path dir;

    ImageStore(@Value("${qm.images.dir:./data/images}") Path dir) throws IOException {
        this.dir = dir.toAbsolutePath().normalize();
        Files.createDirectories(this.dir);
        try (Stream<Path> files = Files.list(this.dir)) {
            files.filter(file -> file.getFileName().toString().endsWith(PART)).forEach(ImageStore::discard);
        }
    }

    Path dir() {
        return dir;
    }

    /** Bytes the store's disk can still take. */
    long usableBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE; // unknown: let the write itself fail
        }
    }

    /** Copies the body to a new {@code .part} file; on any failure the part file is gone again. */
    Received receive(InputStream body) throws IOException {
        Path part = dir.resolve("upload-" + UUID.randomUUID() + PART);
        MessageDigest sha256 = sha256();
        byte[] head = new byte[0];
        long size = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (size < DiskImageHeader.BYTES_NEEDED) { // kept for the format check
                    byte[] more = new byte[(int) Math.min(DiskImageHeader.BYTES_NEEDED, size + n)];
                    System.arraycopy(head, 0, more, 0, head.length);
                    System.arraycopy(buffer, 0, more, head.length, more.length - head.length);
                    head = more;
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            discard(part);
            throw e;
        }
        return new Received(part, size, HexFormat.of().formatHex(sha256.digest()), head);
    }

    /** Gives an accepted upload its final name. */
    void keep(Received received, String fileName) throws IOException {
        Files.move(received.part(), file(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    Path file(String fileName) {
        return dir.resolve(fileName);
    }

    void delete(String fileName) {
        discard(file(fileName));
    }

    static void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete image file {}: {}", file, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
