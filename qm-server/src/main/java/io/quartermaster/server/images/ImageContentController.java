package io.quartermaster.server.images;

import io.quartermaster.server.agents.AgentPrincipal;
import java.util.UUID;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Host agents fetch master images for their cache here: the agent's tenant's images and the shared ones.
 * The ETag is the image's SHA-256 (If-None-Match answers 304); {@code Range} requests resume a broken
 * download (206).
 */
@RestController
class ImageContentController {

    private final ImageService images;

    ImageContentController(ImageService images) {
        this.images = images;
    }

    @GetMapping("/agent/v1/images/{id}/content")
    ResponseEntity<Resource> content(@AuthenticationPrincipal AgentPrincipal agent, @PathVariable UUID id) {
        ImageService.Content content = images.contentFor(agent.tenantId(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .eTag("\"" + content.image().sha256() + "\"")
                .cacheControl(CacheControl.noCache())
                .header("X-Image-Sha256", content.image().sha256())
                .body(new FileSystemResource(content.file()));
    }
}
