package io.quartermaster.cli.config;

/**
 * One server qm knows: its name, URL, the personal API token to send there, and who that token belongs to
 * (as the server said at login).
 */
public record ContextEntry(String name, String server, String token, String user) {

    /** The token's first characters, to tell tokens apart without showing them. */
    public String tokenPrefix() {
        return token == null ? "" : token.substring(0, Math.min(token.length(), 8)) + "…";
    }
}
