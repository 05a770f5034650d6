package io.quartermaster.api.tenancy;

/** Shared rules for the short handles of tenants, groups and users. */
public final class Names {
    /** Lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final String HANDLE = "^[a-z0-9][a-z0-9._-]*$";
    public static final String HANDLE_MESSAGE =
            "must start with a lower-case letter or digit and contain only a-z, 0-9, '.', '_' and '-'";

    private Names() {}
}
