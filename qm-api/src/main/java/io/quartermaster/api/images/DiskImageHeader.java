package io.quartermaster.api.images;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the first bytes of a master image say about it, checked where an image is registered (the server) and
 * again where a host takes it as a master (the agent). Two things would let a machine read files it must not:
 * a qcow2 master that names a backing file (or an external data file) elsewhere on the host, and a "raw" master
 * whose bytes look like an image format that does, since a hypervisor or libvirt that probes the format (a full
 * copy does) would then follow it. Both are refused; a raw image must not look like any format QEMU detects.
 */
public final class DiskImageHeader {

    /** How many leading bytes {@link #problem} needs to see (fewer only when the whole image is shorter). */
    public static final int BYTES_NEEDED = 512;

    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};
    private static final int QCOW2_V3_HEADER_END = 104;
    private static final long EXTERNAL_DATA_FILE = 1L << 2;

    /** Formats QEMU recognises by their first bytes, which a raw image must therefore not begin with. */
    private static final Signature[] SIGNATURES = {
        new Signature("qcow or qcow2", QCOW_MAGIC),
        new Signature("QED", new byte[] {'Q', 'E', 'D', 0}),
        new Signature("VMDK", ascii("KDMV")),
        new Signature("VMDK descriptor", ascii("# Disk DescriptorFile")),
        new Signature("COW", ascii("OOOM")),
        new Signature("VHD", ascii("conectix")),
        new Signature("VHDX", ascii("vhdxfile")),
        new Signature("LUKS", new byte[] {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe}),
        new Signature("Parallels", ascii("WithoutFreeSpace")),
        new Signature("Parallels", ascii("WithouFreSpacExt")),
        new Signature("cloop", ascii("#!/bin/sh\n#V2.0 Format\n")),
    };

    private DiskImageHeader() {}

    /** Why an image that says it is {@code format} ({@code qcow2} or {@code raw}) must not be used, if it must not. */
    public static Optional<Problem> problem(String format, byte[] head) {
        return switch (format) {
            case "qcow2" -> qcow2Problem(head);
            case "raw" -> rawProblem(head);
            default -> Optional.of(new Problem("ImageFormatMismatch", "Format " + format + " is not one a host takes:"
                    + " give qcow2 or raw."));
        };
    }

    private static Optional<Problem> qcow2Problem(byte[] head) {
        if (!startsWith(head, QCOW_MAGIC)) {
            return Optional.of(new Problem("ImageFormatMismatch", "The file is not a qcow2 image (it does not start"
                    + " with qcow2's signature). Give format=raw for a raw disk image, or convert it with qemu-img."));
        }
        ByteBuffer header = ByteBuffer.wrap(head); // qcow2's header is big-endian, ByteBuffer's default
        if (head.length < 20) {
            return Optional.of(new Problem("ImageFormatMismatch", "The file is too short for a qcow2 image."));
        }
        int version = header.getInt(4);
        if (version != 2 && version != 3) {
            return Optional.of(new Problem("ImageFormatMismatch", "The file is a qcow image of version " + version
                    + ", not qcow2 (version 2 or 3). Convert it with qemu-img convert -O qcow2."));
        }
        if (header.getLong(8) != 0 || header.getInt(16) != 0) {
            return Optional.of(new Problem("ImageHasBackingFile", "The qcow2 image names a backing file, which a"
                    + " master must not: a machine's disk would read that file of the host. Flatten it first"
                    + " (qemu-img convert -O qcow2 image.qcow2 flat.qcow2) and register the flat image."));
        }
        if (version == 3) {
            if (head.length < QCOW2_V3_HEADER_END) {
                return Optional.of(new Problem("ImageFormatMismatch", "The file is too short for a qcow2 image."));
            }
            if ((header.getLong(72) & EXTERNAL_DATA_FILE) != 0) {
                return Optional.of(new Problem("ImageHasBackingFile", "The qcow2 image keeps its data in an"
                        + " external file, which a master must not. Convert it into a self-contained image"
                        + " (qemu-img convert -O qcow2) and register that."));
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> rawProblem(byte[] head) {
        return Arrays.stream(SIGNATURES).filter(signature -> startsWith(head, signature.bytes())).findFirst()
                .map(signature -> new Problem("ImageFormatMismatch", "The file was given as raw but begins like a "
                        + signature.format() + " image, so a host could take it for one. Register it with its real"
                        + " format, or convert it (qemu-img convert -O qcow2 or -O raw)."));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private record Signature(String format, byte[] bytes) {}

    /** A reason (for problem documents and agent failures) and a message a person can act on. */
    public record Problem(String reason, String message) {}
}
