package io.quartermaster.server.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Dev mode's stand-in for host agents: every task of every host succeeds after {@code qm.dev-agent.step-delay}.
 * It answers through {@link AgentTaskService} exactly as a real agent's results arrive, so the
 * lifecycle runs end to end with nothing else installed. Never enabled in production.
 */
@Component
@ConditionalOnProperty(name = "qm.dev-agent.enabled", havingValue = "true")
class DevAgent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DevAgent.class);

    private final AgentTaskService tasks;
    private final Duration stepDelay;
    private volatile boolean running;
    private Thread loop;

    DevAgent(AgentTaskService tasks, @Value("${qm.dev-agent.step-delay:PT1S}") Duration stepDelay) {
        this.tasks = tasks;
        this.stepDelay = stepDelay;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("dev-agent").start(this::run);
        log.info("Dev agent started: host steps succeed after {}", stepDelay);
    }

    private void run() {
        while (running) {
            try {
                List<AgentTask> work = tasks.lease(tasks.hostsWithOpenTasks(), "dev-agent", 50, Duration.ofMinutes(1));
                if (work.isEmpty()) {
                    Thread.sleep(200); // polling interval of an idle stand-in agent, not a wait for time to pass
                    continue;
                }
                Thread.sleep(stepDelay.toMillis());
                for (AgentTask task : work) {
                    try {
                        tasks.complete(task.id(), task.attempt(), Map.of("agent", "dev-agent"));
                    } catch (RuntimeException failure) {
                        log.warn("Dev agent could not report {} of machine {}: {}", task.step(), task.machineId(),
                                failure.getMessage());
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("Dev agent: {}", failure.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
