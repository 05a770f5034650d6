package io.quartermaster.api.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.quartermaster.api.images.DiskImageHeader.Problem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiskImageHeaderTest {

    @Test
    void aSelfContainedQcow2ImageOfVersionTwoOrThreeIsFine() {
        assertThat(DiskImageHeader.problem("qcow2", qcow2(2, 0, 0, 0))).isEmpty();
        assertThat(DiskImageHeader.problem("qcow2", qcow2(3, 0, 0, 0))).isEmpty();
    }

    @Test
    void aQcow2ImageNamingABackingFileOrAnExternalDataFileIsRefused() {
        assertThat(reason("qcow2", qcow2(3, 512, 11, 0))).isEqualTo("ImageHasBackingFile");
        assertThat(reason("qcow2", qcow2(2, 0, 11, 0))).isEqualTo("ImageHasBackingFile");
        assertThat(reason("qcow2", qcow2(3, 0, 0, 1L << 2))).isEqualTo("ImageHasBackingFile");
        assertThat(DiskImageHeader.problem("qcow2", qcow2(3, 512, 11, 0)).orElseThrow().message())
                .contains("qemu-img convert");
        // Other incompatible features (dirty bit, compression type) are the image's own business.
        assertThat(DiskImageHeader.problem("qcow2", qcow2(3, 0, 0, 1L | 1L << 3))).isEmpty();
    }

    @Test
    void somethingElseGivenAsQcow2IsRefused() {
        assertThat(reason("qcow2", "just some bytes".getBytes(StandardCharsets.US_ASCII))).isEqualTo("ImageFormatMismatch");
        assertThat(reason("qcow2", qcow2(1, 0, 0, 0))).isEqualTo("ImageFormatMismatch");
        assertThat(reason("qcow2", new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3})).isEqualTo("ImageFormatMismatch");
        byte[] truncatedV3 = new byte[80];
        System.arraycopy(qcow2(3, 0, 0, 0), 0, truncatedV3, 0, 80);
        assertThat(reason("qcow2", truncatedV3)).isEqualTo("ImageFormatMismatch");
    }

    @Test
    void aRawImageThatLooksLikeAnotherFormatIsRefusedAndAnyOtherIsFine() {
        assertThat(reason("raw", qcow2(3, 0, 0, 0))).isEqualTo("ImageFormatMismatch");
        assertThat(reason("raw", "QED\0rest".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo("ImageFormatMismatch");
        assertThat(reason("raw", "# Disk DescriptorFile\nparentFileNameHint=\"/etc/shadow\"".getBytes(
                StandardCharsets.US_ASCII))).isEqualTo("ImageFormatMismatch");
        assertThat(DiskImageHeader.problem("raw", "KDMVxxxx".getBytes(StandardCharsets.US_ASCII)).orElseThrow()
                .message()).contains("VMDK");

        assertThat(DiskImageHeader.problem("raw", new byte[DiskImageHeader.BYTES_NEEDED])).isEmpty();
        assertThat(DiskImageHeader.problem("raw", "an MBR, a file system…".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(DiskImageHeader.problem("raw", new byte[] {'Q'})).isEmpty();
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThat(reason("vmdk", new byte[16])).isEqualTo("ImageFormatMismatch");
    }

    private static String reason(String format, byte[] head) {
        Optional<Problem> problem = DiskImageHeader.problem(format, head);
        assertThat(problem).as("a problem with that " + format + " image").isPresent();
        return problem.get().reason();
    }

    /** A qcow2 header as qemu-img writes it, with the fields this check reads. */
    private static byte[] qcow2(int version, long backingOffset, int backingSize, long incompatibleFeatures) {
        ByteBuffer header = ByteBuffer.allocate(DiskImageHeader.BYTES_NEEDED);
        header.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(version).putLong(backingOffset).putInt(backingSize)
                .putInt(16).putLong(1L << 30);
        if (version >= 3) {
            header.putLong(72, incompatibleFeatures).putInt(100, 112);
        }
        return header.array();
    }
}
