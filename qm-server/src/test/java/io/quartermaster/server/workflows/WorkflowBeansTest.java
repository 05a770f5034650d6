package io.quartermaster.server.workflows;

import static io.quartermaster.server.support.WorkflowFiles.bpmn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quartermaster.server.support.Api;
import io.quartermaster.server.support.Fixtures;
import io.quartermaster.server.support.QmServerTest;
import io.quartermaster.server.support.WorkflowFiles;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * BPMN deployed through the API can name only beans marked {@link WorkflowBean} in its expressions:
 * the user service or the data source exist in the server, but a process that names them fails when it
 * runs, while one naming a workflow bean works. Reflection, which would reach any class, is refused.
 */
@QmServerTest
class WorkflowBeansTest {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ApplicationContext context;

    WorkflowFiles files;
    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        Api api = new Api(port);
        files = new WorkflowFiles(api);
        fixtures = new Fixtures(api);
    }

    @Test
    void anExpressionCallsAWorkflowBean() {
        String key = deployCalling("workflowProbe");

        String instance = runtime.startProcessInstanceByKey(key, "machine-probe").getId();

        assertThat(runtime.getVariable(instance, "answer")).isEqualTo("probed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"userService", "dataSource", "authorizer"})
    void anExpressionNamingAnyOtherBeanFailsToResolve(String bean) {
        assertThat(context.containsBean(bean)).as("the server has a bean named %s", bean).isTrue();
        String key = deployCalling(bean);

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, "machine-" + bean))
                .isInstanceOf(FlowableException.class)
                .hasMessageContaining(bean);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(key).count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"''.getClass().forName('java.lang.System')", "execution.class", "execution['class']",
            "workflowProbe.getClass().getClassLoader()"})
    void anExpressionCannotReachPastTheAllowListByReflection(String reflective) {
        String key = deployCalling(reflective);

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key, "machine-reflecting"))
                .isInstanceOf(FlowableException.class)
                .rootCause().hasMessageContaining("may not use reflection");
    }

    private String deployCalling(String bean) {
        String key = fixtures.unique("calls");
        var deployed = files.deploy(Fixtures.ADMIN, bpmn("calls-bean.bpmn20.xml", key, bean));
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        return key;
    }
}
