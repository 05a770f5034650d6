package io.quartermaster.server.images;

import io.quartermaster.api.Page;
import io.quartermaster.api.images.ImageView;
import io.quartermaster.server.platform.web.PageParams;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Master images. Registration sends the file itself as the body ({@code application/octet-stream}) and
 * says what it is in the query: {@code POST /api/v1/images?name=debian-12&version=1&format=qcow2&sha256=…}.
 */
@RestController
@RequestMapping(path = ImageConfig.UPLOAD_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class ImageController {

    private final ImageService images;

    ImageController(ImageService images) {
        this.images = images;
    }

    @PostMapping(consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<ImageView> register(@RequestParam(required = false) String name,
            @RequestParam(required = false) String version, @RequestParam(required = false) String format,
            @RequestParam(required = false) String sha256, @RequestParam(required = false) UUID tenantId,
            HttpServletRequest request) throws IOException {
        ImageUpload upload = ImageUpload.checked(tenantId, name, version, format, sha256);
        ImageView created = images.register(upload, request.getContentLengthLong(), request.getInputStream());
        return ResponseEntity.created(URI.create(ImageConfig.UPLOAD_PATH + "/" + created.id())).body(created);
    }

    /** The images the caller may use: their tenant's and the shared ones. */
    @GetMapping
    Page<ImageView> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return images.list(PageParams.of(page, size));
    }

    @GetMapping("/{id}")
    ImageView get(@PathVariable UUID id) {
        return images.get(id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        images.delete(id);
        return ResponseEntity.noContent().build();
    }
}
