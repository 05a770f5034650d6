package io.quartermaster.api;

/**
 * Upper bounds for sizes, counts and rates: far above any real machine, host or price, and low enough
 * that no arithmetic on them overflows.
 */
public final class Limits {
    /** Virtual cpus of a host or reservation. */
    public static final long MAX_CPU = 100_000;
    /** 2^40 MiB, one exbibyte. */
    public static final long MAX_MEMORY_MIB = 1L << 40;
    /** 2^40 GiB. */
    public static final long MAX_DISK_GIB = 1L << 40;
    public static final long MAX_MACHINES = 1_000_000;
    /** A rate per day; at most 9 digits before the point and 6 after. */
    public static final String MAX_RATE = "999999999";
    /** Any non-blank text (for optional fields that, when given, must say something). */
    public static final String NOT_BLANK = "(?s).*\\S.*";

    private Limits() {}
}
