package io.quartermaster.server.platform.errors;

/** Compare-and-swap helpers: a change made against an old version is refused, never applied blindly. */
public final class Versions {

    private Versions() {}

    /** Refuses the change when the client named a version and it is not the current one. */
    public static void expect(Long expected, long current, String what, Object id) {
        if (expected != null && expected != current) {
            throw changedMeanwhile(what, id);
        }
    }

    /** Throws when a compare-and-swap write touched no row: someone changed it since we read it. */
    public static void applied(boolean applied, String what, Object id) {
        if (!applied) {
            throw changedMeanwhile(what, id);
        }
    }

    private static QmException changedMeanwhile(String what, Object id) {
        return QmException.conflict(what + " " + id + " was changed by someone else in the meantime."
                + " Reload it and try again.");
    }
}
