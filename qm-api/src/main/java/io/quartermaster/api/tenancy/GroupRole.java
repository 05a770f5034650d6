package io.quartermaster.api.tenancy;

/** The role a member holds in one group. */
public enum GroupRole {
    USER,
    GROUP_ADMIN
}
