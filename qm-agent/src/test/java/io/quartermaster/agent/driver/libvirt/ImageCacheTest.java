package io.quartermaster.agent.driver.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.agent.driver.DriverException;
import io.quartermaster.agent.driver.MasterImages.MasterImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCacheTest {

    private static final byte[] BYTES = "a master image".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private ImageCache cache() {
        return new ImageCache(dir.resolve("masters"), dir.resolve("downloads"));
    }

    @Test
    void anImageIsDownloadedOnceCheckedAndNamedAfterNameVersionAndChecksum() throws Exception {
        byte[] qcow2 = qcow2(0);
        MasterImage image = new MasterImage("id-1", "Debian 12", "2026.11", "qcow2", qcow2.length, sha256(qcow2));
        AtomicInteger downloads = new AtomicInteger();

        assertThat(cache().ensure(image, () -> {
            downloads.incrementAndGet();
            return new ByteArrayInputStream(qcow2);
        })).isTrue();
        assertThat(cache().ensure(image, () -> {
            throw new AssertionError("not fetched again");
        })).isFalse();

        assertThat(downloads).hasValue(1);
        assertThat(ImageCache.fileName(image)).isEqualTo("Debian-12-2026.11-" + sha256(qcow2).substring(0, 12) + ".qcow2");
        assertThat(cache().pathOf(image)).hasBinaryContent(qcow2);
        assertThat(dir.resolve("downloads")).isEmptyDirectory();
    }

    @Test
    void aMasterThatWouldReadOtherFilesOfTheHostIsRefusedForGoodAndLeavesNothingBehind() throws Exception {
        byte[] backed = qcow2(11); // names an 11-byte backing file
        MasterImage image = new MasterImage("id-1", "sneaky", "1", "qcow2", backed.length, sha256(backed));
        assertThatThrownBy(() -> cache().ensure(image, () -> new ByteArrayInputStream(backed)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ImageHasBackingFile");
                    assertThat(e.retryable()).isFalse();
                });
        byte[] looksLikeQcow2 = qcow2(0);
        MasterImage raw = new MasterImage("id-2", "sneaky", "2", "raw", looksLikeQcow2.length, null);
        assertThatThrownBy(() -> cache().ensure(raw, () -> new ByteArrayInputStream(looksLikeQcow2)))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("ImageFormatMismatch"));

        assertThat(dir.resolve("masters")).isEmptyDirectory();
        assertThat(dir.resolve("downloads")).isEmptyDirectory();
    }

    /** The header of a qcow2 (version 3) image, naming a backing file of {@code backingNameBytes} unless 0. */
    private static byte[] qcow2(int backingNameBytes) {
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(1024);
        header.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(backingNameBytes == 0 ? 0 : 512)
                .putInt(backingNameBytes).putInt(16).putLong(1L << 30).putInt(100, 112);
        return header.array();
    }

    @Test
    void aChecksumMismatchIsRetryableAndLeavesNothingBehind() throws Exception {
        MasterImage image = new MasterImage("id-1", "tiny", "1", "raw", BYTES.length, sha256("other".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> cache().ensure(image, () -> new ByteArrayInputStream(BYTES)))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ImageChecksumMismatch");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(dir.resolve("masters")).isEmptyDirectory();
        assertThat(dir.resolve("downloads")).isEmptyDirectory();
    }

    @Test
    void aShortDownloadIsAMismatchToo() {
        MasterImage image = new MasterImage("id-1", "tiny", "1", "raw", BYTES.length + 1, null);

        assertThatThrownBy(() -> cache().ensure(image, () -> new ByteArrayInputStream(BYTES)))
                .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.reason()).isEqualTo("ImageChecksumMismatch"));
        assertThat(dir.resolve("masters")).isEmptyDirectory();
    }

    @Test
    void tasksAskingForTheSameImageAtOnceShareOneDownload() throws Exception {
        MasterImage image = new MasterImage("id-1", "tiny", "1", "raw", BYTES.length, sha256(BYTES));
        ImageCache cache = cache();
        AtomicInteger downloads = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(threads.submit(() -> {
                    bothAsked.countDown();
                    bothAsked.await();
                    return cache.ensure(image, () -> {
                        downloads.incrementAndGet();
                        return new ByteArrayInputStream(BYTES);
                    });
                }));
            }
            assertThat(results.get(0).get() ^ results.get(1).get()).as("exactly one of them downloaded").isTrue();
        } finally {
            threads.shutdownNow();
        }
        assertThat(downloads).hasValue(1);
    }

    @Test
    void aFailedDownloadIsRetryableAndLeavesNothingBehind() {
        MasterImage image = new MasterImage("id-1", "tiny", "1", "raw", BYTES.length, null);

        assertThatThrownBy(() -> cache().ensure(image, () -> {
            throw new java.io.IOException("connection reset");
        })).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.reason()).isEqualTo("ImageUnavailable");
            assertThat(e.retryable()).isTrue();
        });
        assertThat(Files.exists(cache().pathOf(image))).isFalse();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
