package io.quartermaster.agent.server;

/**
 * The server could not be reached or did not answer (refused, reset, timed out, or a proxy's 502/503/504):
 * try again later.
 */
public class ServerUnreachable extends RuntimeException {

    public ServerUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
