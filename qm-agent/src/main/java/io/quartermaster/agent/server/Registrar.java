package io.quartermaster.agent.server;

import io.quartermaster.agent.time.Backoff;
import io.quartermaster.agent.time.Sleeper;
import io.quartermaster.api.agent.RegisterRequest;
import io.quartermaster.api.agent.Registration;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Gets the agent its registration: the one kept in the credential file, or a new one for the bootstrap
 * token, kept there at once (the server shows the credential only once). While the server cannot be reached
 * it tries again, so an agent may start before its server.
 */
public final class Registrar {

    private static final System.Logger log = System.getLogger(Registrar.class.getName());

    private final AgentApiClient api;
    private final CredentialFile file;
    private final Sleeper sleeper;

    public Registrar(AgentApiClient api, CredentialFile file, Sleeper sleeper) {
        this.api = api;
        this.file = file;
        this.sleeper = sleeper;
    }

    /**
     * @throws ServerProblem when the server refuses the registration (the token, or the agent's name)
     * @throws IllegalStateException when there is neither a credential file nor a token
     */
    public Registration obtain(String bootstrapToken, String agentName, String version) throws IOException, InterruptedException {
        var kept = file.read();
        if (kept.isPresent()) {
            if (file.readableByOthers()) {
                log.log(Level.WARNING, "{0} may be read by others than its owner; chmod 600 it", file.path());
            }
            return kept.get();
        }
        if (bootstrapToken == null) {
            throw new IllegalStateException("credential.file " + file.path() + " does not exist and bootstrap.token is not set");
        }
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), sleeper);
        while (true) {
            try {
                Registration registration = api.register(new RegisterRequest(bootstrapToken, agentName, version));
                file.write(registration);
                log.log(Level.INFO, "Registered as agent {0} ({1}); credential kept in {2}", agentName,
                        registration.agentId(), file.path());
                return registration;
            } catch (ServerUnreachable e) {
                log.log(Level.WARNING, "Cannot register yet, trying again in {0}: {1}", backoff.pause(), e.getMessage());
            } catch (ServerProblem e) {
                if (e.status() < 500) {
                    throw e; // the token or the name is refused: only the operator can change that
                }
                log.log(Level.WARNING, "The server failed to register this agent, trying again in {0}: {1}",
                        backoff.pause(), e.getMessage());
            }
        }
    }
}
