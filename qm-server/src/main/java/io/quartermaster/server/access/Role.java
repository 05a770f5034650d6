package io.quartermaster.server.access;

/** The roles a caller can hold, each at the scope named in the roles file. */
public enum Role {
    USER,
    GROUP_ADMIN,
    TENANT_ADMIN,
    SYSTEM_ADMIN
}
