package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Creates a local user. {@code tenantId} may be left out by a tenant administrator (their own tenant);
 * a system administrator gives it, or leaves it out together with {@code systemAdmin = true} to create
 * another system administrator.
 */
public record CreateUser(
        UUID tenantId,
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.HANDLE, message = Names.HANDLE_MESSAGE) String username,
        @Size(max = 200) String displayName,
        @Email @Size(max = 254) String email,
        @NotBlank @Size(min = 12, max = 200, message = "must be 12 to 200 characters long") String password,
        Boolean tenantAdmin,
        Boolean systemAdmin) {

    /** Whether the new user administers their tenant; false when left out. */
    public boolean tenantAdminRequested() {
        return Boolean.TRUE.equals(tenantAdmin);
    }

    /** Whether the new user is a system administrator; false when left out. */
    public boolean systemAdminRequested() {
        return Boolean.TRUE.equals(systemAdmin);
    }
}
