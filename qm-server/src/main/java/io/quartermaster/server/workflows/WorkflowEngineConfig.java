package io.quartermaster.server.workflows;

import java.time.Clock;
import java.util.Map;
import org.flowable.spring.boot.ProcessEngineConfigurationConfigurer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Flowable engine (configured in application.yml under {@code flowable}): here it is given
 * the server's clock, and only the beans marked {@link WorkflowBean} as names its expressions can use;
 * reflection, which would lead past that list, is closed to them.
 */
@Configuration
class WorkflowEngineConfig {

    @Bean
    ProcessEngineConfigurationConfigurer engineOnServerClock(Clock clock, ApplicationContext context) {
        return configuration -> {
            configuration.setClock(new EngineClock(clock));
            configuration.setBeans(new WorkflowBeans(context));
            // Without it, reflection reaches past the allow-list (see NoReflectionELResolver).
            configuration.addPreDefaultELResolver(new NoReflectionELResolver());
        };
    }

    /** Looked up when first used, after every bean exists; a name of any other bean is unknown to BPMN. */
    static final class WorkflowBeans extends java.util.AbstractMap<Object, Object> {
        private final ApplicationContext context;
        private volatile Map<String, Object> beans;

        WorkflowBeans(ApplicationContext context) {
            this.context = context;
        }

        private Map<String, Object> beans() {
            Map<String, Object> found = beans;
            if (found == null) {
                found = Map.copyOf(context.getBeansWithAnnotation(WorkflowBean.class));
                beans = found;
            }
            return found;
        }

        @Override
        public boolean containsKey(Object key) {
            return beans().containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return beans().get(key);
        }

        @Override
        public java.util.Set<Entry<Object, Object>> entrySet() {
            return java.util.Collections.unmodifiableMap((Map<Object, Object>) (Map<?, ?>) beans()).entrySet();
        }
    }
}
