package io.quartermaster.server.workflows;

import io.quartermaster.server.platform.errors.QmException;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.exceptions.XMLException;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.validation.ProcessValidator;
import org.flowable.validation.ValidationError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a BPMN file before it is deployed, in the order a person fixes things: well-formed XML valid
 * against the BPMN schema, no construct that runs code past the {@link WorkflowBean} allow-list
 * ({@link UnsafeBpmnScan}), then the engine's own process validator. Any finding is refused as
 * {@code InvalidWorkflow} with a message naming the line or element.
 */
@Component
class BpmnInspector {

    static final String INVALID = "InvalidWorkflow";
    /** Process ids are audit targets, which hold 100 characters. */
    static final int MAX_KEY_LENGTH = 100;
    private static final int MAX_PROBLEMS_SHOWN = 10;
    private static final Logger log = LoggerFactory.getLogger(BpmnInspector.class);

    private final ProcessEngine engine;

    BpmnInspector(ProcessEngine engine) {
        this.engine = engine;
    }

    /** Returns the ids (keys) of the file's executable processes, or throws InvalidWorkflow. */
    List<String> executableProcessKeys(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw QmException.invalid(INVALID, "The request body is empty: send the BPMN file.");
        }
        BpmnModel model = parse(xml);
        refuse("The BPMN calls code it may not call: ", UnsafeBpmnScan.findings(xml));
        refuse("The BPMN is not a valid process: ", validationErrors(model));
        List<String> keys = model.getProcesses().stream().filter(Process::isExecutable).map(Process::getId).toList();
        if (keys.isEmpty()) {
            throw QmException.invalid(INVALID, "The BPMN has no executable process (isExecutable=\"true\").");
        }
        refuse("The BPMN is not a valid process: ", keys.stream().filter(key -> key.length() > MAX_KEY_LENGTH)
                .map(key -> "process id '" + key.substring(0, 20) + "…' is longer than " + MAX_KEY_LENGTH + " characters")
                .toList());
        return keys;
    }

    private static BpmnModel parse(byte[] xml) {
        try {
            // Schema-validated, and safe: no DTDs, no external entities.
            return new BpmnXMLConverter().convertToBpmnModel(() -> new ByteArrayInputStream(xml), true, true);
        } catch (XMLException e) {
            throw QmException.invalid(INVALID, "The file is not valid BPMN XML: " + XmlErrors.describe(e));
        } catch (RuntimeException e) {
            // The parser tripped over input it did not expect; its message would speak of its internals.
            log.info("BPMN parser failed on a deployment: {}", e.toString());
            throw QmException.invalid(INVALID, "The file could not be read as BPMN XML.");
        }
    }

    private List<String> validationErrors(BpmnModel model) {
        ProcessValidator validator = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getProcessValidator();
        if (validator == null) {
            return List.of(); // validation switched off in the engine's configuration
        }
        return validator.validate(model).stream().filter(error -> !error.isWarning())
                .map(BpmnInspector::describe).toList();
    }

    private static String describe(ValidationError error) {
        String where = error.getActivityId() != null ? "element '" + error.getActivityId() + "'"
                : error.getProcessDefinitionId() != null ? "process '" + error.getProcessDefinitionId() + "'" : "the file";
        String line = error.getXmlLineNumber() > 0 ? " (line " + error.getXmlLineNumber() + ")" : "";
        String description = error.getDefaultDescription() == null ? error.getProblem()
                : error.getDefaultDescription().replaceAll("\\.+$", "");
        return where + line + ": " + description;
    }

    private static void refuse(String intro, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> shown = new ArrayList<>(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_SHOWN)));
        if (problems.size() > shown.size()) {
            shown.add("and " + (problems.size() - shown.size()) + " more");
        }
        throw QmException.invalid(INVALID, intro + String.join("; ", shown) + ".");
    }
}
