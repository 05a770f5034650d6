package io.quartermaster.api.catalog;

/**
 * How a machine's system disk is made from its template's image: a linked clone (qcow2 with the host's
 * cached master as backing file; fast, and independent of the image's size) or a full copy.
 */
public enum DiskMode {
    LINKED_CLONE,
    FULL_COPY
}
