package io.quartermaster.bench.lifecycle;

/** Points of a machine's life the benchmark waits for, in the order they come. */
enum Milestone {
    /** Built and handed over: the lease runs. */
    ACTIVE,
    /** The lease reminder fell due and was recorded. */
    REMINDED,
    /** The lease ended: powered off and tombstoned. */
    EXPIRED,
    /** The warning before destruction fell due and was recorded. */
    WARNED,
    /** Destroyed; every claim released. */
    DISPOSED
}
