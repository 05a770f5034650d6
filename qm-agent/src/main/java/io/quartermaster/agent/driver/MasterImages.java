package io.quartermaster.agent.driver;

import java.io.IOException;
import java.io.InputStream;

/**
 * Optional feature: the driver keeps a host cache of master images from the server's image store and clones
 * machine disks from them ({@link Volumes.VolumeSpec#baseImage()} is the name {@link #ensureMaster} returns).
 */
public interface MasterImages {

    /**
     * Makes sure the master image is on the host, fetching its bytes from {@code content} when it is not. The
     * bytes are checked against the image's size and SHA-256 before the image is used; a mismatch fails with
     * {@code ImageChecksumMismatch} (retryable: the next fetch may be whole) and leaves nothing behind. Tasks
     * for the same image running at once fetch it once.
     *
     * @return the name of the master on this host, for {@link Volumes.VolumeSpec#baseImage()}
     */
    String ensureMaster(MasterImage image, ImageContent content);

    /** A master image as the server's image store describes it; {@code format} is {@code qcow2} or {@code raw}. */
    record MasterImage(String id, String name, String version, String format, long sizeBytes, String sha256) {}

    /** Where an image's bytes come from (the server, in the agent); each call opens a new stream. */
    @FunctionalInterface
    interface ImageContent {
        InputStream open() throws IOException;
    }
}
