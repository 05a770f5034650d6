package io.quartermaster.server.images;

import io.quartermaster.server.platform.errors.FieldValidationException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a registration says about the file it sends: name, version, format, and optionally the SHA-256 the
 * received bytes must have and the tenant (left out: the caller's tenant, or shared for a system
 * administrator). Checked before a byte of the body is read.
 */
record ImageUpload(UUID tenantId, String name, String version, String format, String sha256) {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+-]{0,49}$");
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    static ImageUpload checked(UUID tenantId, String name, String version, String format, String sha256) {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new FieldValidationException("name", "is required: up to 100 letters, digits, '.', '_', '+' or '-',"
                    + " starting with a letter or digit (for example debian-12)");
        }
        if (version == null || !VERSION.matcher(version.strip()).matches()) {
            throw new FieldValidationException("version", "is required: up to 50 letters, digits, '.', '_', '+' or"
                    + " '-', starting with a letter or digit (for example 2025.06)");
        }
        String lowerFormat = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!lowerFormat.equals("qcow2") && !lowerFormat.equals("raw")) {
            throw new FieldValidationException("format", "must be qcow2 or raw");
        }
        String digest = sha256 == null || sha256.isBlank() ? null : sha256.strip().toLowerCase(Locale.ROOT);
        if (digest != null && !SHA256.matcher(digest).matches()) {
            throw new FieldValidationException("sha256", "must be 64 hexadecimal digits, as sha256sum prints them");
        }
        return new ImageUpload(tenantId, name.strip(), version.strip(), lowerFormat, digest);
    }
}
