package io.quartermaster.agent.driver.libvirt;

import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.api.images.DiskImageHeader;
import io.quartermaster.agent.driver.MasterImages.ImageContent;
import io.quartermaster.agent.driver.MasterImages.MasterImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The host's cache of master images: a file per image in {@code masters}, named after the image's name,
 * version and checksum. An image is downloaded to a file of its own in {@code downloads}, checked (size and
 * SHA-256) and only then renamed into {@code masters} in one step, so {@code masters} holds whole images only.
 * Tasks asking for the same image at once wait for one download.
 */
final class ImageCache {

    private final Path masters;
    private final Path downloads;
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    ImageCache(Path masters, Path downloads) {
        this.masters = masters;
        this.downloads = downloads;
    }

    /** The file name of an image in the cache (and of its master volume). */
    static String fileName(MasterImage image) {
        String checksum = image.sha256() == null ? "" : "-" + image.sha256().toLowerCase(Locale.ROOT).substring(0,
                Math.min(12, image.sha256().length()));
        String version = image.version() == null || image.version().isBlank() ? "" : "-" + clean(image.version());
        return clean(image.name()) + version + checksum + "." + image.format();
    }

    /**
     * The image's file in the cache, downloaded first when it is not there yet.
     *
     * @return whether it was downloaded now (false: it was there)
     */
    boolean ensure(MasterImage image, ImageContent content) {
        String name = fileName(image);
        Path target = masters.resolve(name);
        if (Files.exists(target)) {
            return false;
        }
        ReentrantLock lock = locks.computeIfAbsent(name, key -> new ReentrantLock());
        lock.lock();
        try {
            if (Files.exists(target)) {
                return false;
            }
            download(image, content, target);
            return true;
        } finally {
            lock.unlock();
        }
    }

    Path pathOf(MasterImage image) {
        return masters.resolve(fileName(image));
    }

    private void download(MasterImage image, ImageContent content, Path target) {
        Path partial = null;
        try {
            Files.createDirectories(downloads);
            Files.createDirectories(masters);
            partial = Files.createTempFile(downloads, fileName(image) + ".", ".part");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = content.open();
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256)) {
                size = in.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (image.sizeBytes() >= 0 && size != image.sizeBytes()) {
                throw mismatch(image, "size " + size + " bytes, expected " + image.sizeBytes());
            }
            if (image.sha256() != null && !actual.equalsIgnoreCase(image.sha256())) {
                throw mismatch(image, "SHA-256 " + actual + ", expected " + image.sha256());
            }
            refuseUnsafe(image, partial);
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            partial = null;
        } catch (IOException e) {
            throw new DriverException("ImageUnavailable", "Downloading image " + image.name() + " " + image.version()
                    + " failed: " + e.getMessage(), true, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // A leftover .part file is never used; the next download makes its own.
                }
            }
        }
    }

    /**
     * A master that names a backing file, or a raw one that looks like a format that can, would let a machine's
     * disk read other files of this host; the server refuses such images, and so does the host, whatever sent it.
     */
    private static void refuseUnsafe(MasterImage image, Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(DiskImageHeader.BYTES_NEEDED);
        }
        DiskImageHeader.problem(image.format(), head).ifPresent(problem -> {
            throw new DriverException(problem.reason(), "Image " + image.name() + " " + image.version()
                    + " was not taken as a master: " + problem.message(), false);
        });
    }

        private static DriverException mismatch(MasterImage image, String what) {
        return new DriverException("ImageChecksumMismatch", "Image " + image.name() + " " + image.version()
                + " arrived with " + what + "; it was discarded and will be fetched again.", true);
    }

    private static String clean(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+", "");
        return cleaned.isEmpty() ? "image" : cleaned;
    }
}
