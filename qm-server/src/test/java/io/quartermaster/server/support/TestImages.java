package io.quartermaster.server.support;

import java.nio.ByteBuffer;
import java.util.Random;

/** Image files for tests that register images: the bytes of a self-contained qcow2 image, and of one that is not. */
public final class TestImages {

    private TestImages() {}

    /** {@code size} bytes (at least 512) that pass for a qcow2 (version 3) image without a backing file. */
    public static byte[] qcow2(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteBuffer.wrap(bytes).put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(0).putInt(0)
                .putLong(72, 0).putInt(100, 112);
        return bytes;
    }

    /** The same, but naming a backing file ({@code /etc/shadow}, say) as a master must not. */
    public static byte[] qcow2WithBackingFile(int size, long seed) {
        byte[] bytes = qcow2(size, seed);
        ByteBuffer.wrap(bytes).putLong(8, 112).putInt(16, 11);
        return bytes;
    }
}
