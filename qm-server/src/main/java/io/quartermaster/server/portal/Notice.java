package io.quartermaster.server.portal;

/**
 * A one-line message on the next page after a change: what was done, or why it was refused. It waits in
 * the session until that page shows it.
 */
public record Notice(boolean refused, String text) implements java.io.Serializable {

    static final String FLASH = "notice";

    static Notice done(String text) {
        return new Notice(false, text);
    }

    static Notice refused(Refusal refusal) {
        return new Notice(true, refusal.message() + " (" + refusal.reason() + ")");
    }
}
