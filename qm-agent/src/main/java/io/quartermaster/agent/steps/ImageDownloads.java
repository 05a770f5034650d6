package io.quartermaster.agent.steps;

import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of a master image at a server path ({@code image.contentPath} of a task), with the agent's credential. */
@FunctionalInterface
public interface ImageDownloads {

    InputStream open(String contentPath) throws IOException;

    /** For agents and tests with no server: every download fails. */
    ImageDownloads NONE = contentPath -> {
        throw new IOException("This agent cannot download images (no server connection)");
    };
}
