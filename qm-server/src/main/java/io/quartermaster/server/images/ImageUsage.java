package io.quartermaster.server.images;

import java.util.List;
import java.util.UUID;

/**
 * What other features build from an image (templates), so deleting one still in use is refused with a
 * list a person can work through. Each feature that refers to images implements it; images depends on
 * none of them.
 */
public interface ImageUsage {

    /** Sentences such as "template 'Omni 3.2 server'"; empty when this feature does not use the image. */
    List<String> usesOf(UUID imageId);
}
