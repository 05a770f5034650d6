package io.quartermaster.server.workflows;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds what in a BPMN file would run code past the {@link WorkflowBean} allow-list: Java classes named
 * by {@code class} attributes (service tasks, listeners, collection handlers, in the Flowable, Activiti
 * or Camunda namespace), script tasks and script listeners, and shell tasks. It reads the XML itself
 * rather than the parsed model so that no element type the model treats specially slips through.
 */
final class UnsafeBpmnScan {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> EXTENSIONS = Set.of("http://flowable.org/bpmn", "http://activiti.org/bpmn",
            "http://camunda.org/schema/1.0/bpmn");

    private UnsafeBpmnScan() {}

    /** One sentence per offending element; empty when the file is clean. */
    static List<String> findings(byte[] xml) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<String> findings = new ArrayList<>();
        // The element a finding is reported on: the nearest enclosing one with an id.
        Deque<String> owners = new ArrayDeque<>();
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String id = reader.getAttributeValue(null, "id");
                    String owner = id != null ? reader.getLocalName() + " '" + id + "'"
                            : owners.isEmpty() ? reader.getLocalName() : owners.peek();
                    String subject = id != null || owners.isEmpty() ? owner
                            : owner + ", its " + reader.getLocalName();
                    owners.push(owner);
                    String why = unsafe(reader);
                    if (why != null) {
                        findings.add(subject + " (line " + reader.getLocation().getLineNumber() + ") " + why);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    owners.pop();
                }
            }
        } catch (XMLStreamException e) {
            findings.add("the file could not be read: " + XmlErrors.describe(e));
        }
        return findings;
    }

    private static String unsafe(XMLStreamReader reader) {
        String namespace = reader.getNamespaceURI();
        boolean extension = namespace != null && EXTENSIONS.contains(namespace);
        if (BPMN.equals(namespace) && "scriptTask".equals(reader.getLocalName())) {
            return "is a script task; scripts are not allowed";
        }
        if (extension && "script".equals(reader.getLocalName())) {
            return "contains a script; scripts are not allowed";
        }
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String attributeNamespace = reader.getAttributeNamespace(i);
            boolean unqualified = attributeNamespace == null || attributeNamespace.equals(XMLConstants.NULL_NS_URI);
            if (unqualified ? !extension : !EXTENSIONS.contains(attributeNamespace)) {
                continue;
            }
            String name = reader.getAttributeLocalName(i);
            String value = reader.getAttributeValue(i);
            if ("class".equals(name)) {
                String prefix = reader.getAttributePrefix(i);
                return "uses " + (prefix == null || prefix.isEmpty() ? "" : prefix + ":") + "class; Java classes are not"
                        + " allowed, call a workflow bean with an expression instead";
            }
            if ("type".equals(name) && ("shell".equals(value) || "script".equals(value))) {
                return "is of type '" + value + "'; shell commands and scripts are not allowed";
            }
        }
        return null;
    }
}
