package io.quartermaster.api.images;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered master image. {@code tenantId} is null for an image shared by every tenant. {@code format}
 * is {@code qcow2} or {@code raw}; {@code sha256} is the hex SHA-256 of its bytes (also the ETag of its
 * content as agents download it from {@code contentPath}).
 */
public record ImageView(
        UUID id,
        UUID tenantId,
        boolean shared,
        String name,
        String version,
        String format,
        long sizeBytes,
        String sha256,
        String contentPath,
        Instant createdAt,
        String createdBy) {}
