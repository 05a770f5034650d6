package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.Email;
import io.quartermaster.api.Limits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Changes a user. Absent fields keep their value; {@code version}, when given, must match. Disabling a
 * user stops their logins and API tokens at once. Changing one's own password needs
 * {@code currentPassword}; an administrator resetting someone else's does not.
 */
public record UpdateUser(
        @Pattern(regexp = Limits.NOT_BLANK, message = "must not be blank") @Size(min = 1, max = 200) String displayName,
        @Email @Size(max = 254) String email,
        @Size(min = 12, max = 200, message = "must be 12 to 200 characters long") String password,
        @Size(max = 200) String currentPassword,
        Boolean enabled,
        Boolean tenantAdmin,
        Long version) {}
