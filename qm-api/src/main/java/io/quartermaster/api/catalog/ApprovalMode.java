package io.quartermaster.api.catalog;

/**
 * When a request for a template needs a group administrator's approval: never, always, or when it
 * exceeds the limits of its {@link ApprovalPolicy}.
 */
public enum ApprovalMode {
    NEVER,
    ALWAYS,
    WHEN_EXCEEDS
}
