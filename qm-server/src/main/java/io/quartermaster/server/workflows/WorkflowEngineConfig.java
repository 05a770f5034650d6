package io.quartermaster.server.workflows;

import java.time.Clock;
import org.flowable.spring.boot.ProcessEngineConfigurationConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Flowable engine (configured in application.yml under {@code flowable}): here it is given
 * the server's clock.
 */
@Configuration
class WorkflowEngineConfig {

    @Bean
    ProcessEngineConfigurationConfigurer engineOnServerClock(Clock clock) {
        return configuration -> configuration.setClock(new EngineClock(clock));
    }
}
