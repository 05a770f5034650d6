package io.quartermaster.api.tenancy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Creates a tenant. {@code name} is a short unique handle; {@code displayName} is shown to people. */
public record CreateTenant(
        @NotBlank @Size(max = 63) @Pattern(regexp = Names.HANDLE, message = Names.HANDLE_MESSAGE) String name,
        @Size(max = 200) String displayName) {}
