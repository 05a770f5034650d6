package io.quartermaster.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.CallActivity;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.ReceiveTask;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The raw baseline is only a baseline while its processes keep the server's shape: the same elements,
 * flows, timers, boundary events and call activities, host steps being receive tasks where the server
 * has triggerable service tasks. A change to the server's processes that the copies miss (the one-timer-
 * at-a-time waits once were) makes the two subjects do different work; this says where.
 */
class RawProcessesMatchTheServersTest {

    @ParameterizedTest
    @ValueSource(strings = {"machine-lifecycle", "machine-build", "machine-dispose"})
    void theRawCopyHasTheShapeOfTheServersProcess(String process) throws Exception {
        Map<String, String> server = shape(read("processes/" + process + ".bpmn20.xml"));
        Map<String, String> raw = shape(read("raw-flowable/raw-" + process + ".bpmn20.xml"));

        // Only the elements that differ, so that a failure says what to copy.
        Map<String, String> differences = new TreeMap<>();
        Set<String> ids = new TreeSet<>(server.keySet());
        ids.addAll(raw.keySet());
        for (String id : ids) {
            String ours = server.getOrDefault(id, "(missing)");
            String theirs = raw.getOrDefault(id, "(missing)");
            if (!ours.equals(theirs)) {
                differences.put(id, "server: " + ours + "; raw: " + theirs);
            }
        }
        assertThat(differences).as("raw-" + process + " against the server's " + process).isEmpty();
    }

    private static BpmnModel read(String resource) throws Exception {
        try (InputStream in = RawProcessesMatchTheServersTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            byte[] xml = in.readAllBytes();
            return new BpmnXMLConverter().convertToBpmnModel(() -> new ByteArrayInputStream(xml), false, false);
        }
    }

    /** Every element, sub-processes' included, by id: what kind it is and where it leads. */
    private static Map<String, String> shape(BpmnModel model) {
        return model.getMainProcess().findFlowElementsOfType(FlowElement.class, true).stream()
                .collect(Collectors.toMap(FlowElement::getId, RawProcessesMatchTheServersTest::kind, (a, b) -> a,
                        TreeMap::new));
    }

    private static String kind(FlowElement element) {
        return switch (element) {
            case SequenceFlow flow -> "flow " + flow.getSourceRef() + " -> " + flow.getTargetRef();
            case ServiceTask task when task.getImplementation() != null
                    && task.getImplementation().startsWith("${agentSteps.run(") -> "host step";
            case ReceiveTask task -> "host step";
            case CallActivity call -> "call " + call.getCalledElement().replaceFirst("^raw-", "");
            case BoundaryEvent boundary -> "boundary on " + boundary.getAttachedToRefId() + definitions(boundary);
            case Event event -> element.getClass().getSimpleName() + definitions(event);
            default -> element.getClass().getSimpleName();
        };
    }

    private static String definitions(Event event) {
        return event.getEventDefinitions().stream().map(definition -> " " + definition.getClass().getSimpleName())
                .collect(Collectors.joining());
    }
}
