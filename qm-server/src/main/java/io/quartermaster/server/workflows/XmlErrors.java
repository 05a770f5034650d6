package io.quartermaster.server.workflows;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import org.xml.sax.SAXParseException;

/** Turns an XML parser's failure into a sentence with its line and column, without exception names. */
final class XmlErrors {

    private XmlErrors() {}

    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SAXParseException sax) {
                return at(sax.getLineNumber(), sax.getColumnNumber()) + clean(sax.getMessage());
            }
            if (cause instanceof XMLStreamException stax) {
                Location location = stax.getLocation();
                String message = stax.getMessage() == null ? "" : stax.getMessage();
                // StAX prefixes the message with its own rendering of the location.
                int text = message.indexOf("Message:");
                message = text >= 0 ? message.substring(text + "Message:".length()) : message;
                return (location == null ? "" : at(location.getLineNumber(), location.getColumnNumber())) + clean(message);
            }
        }
        return clean(failure.getMessage());
    }

    private static String at(int line, int column) {
        return line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "";
    }

    /**
     * One line, without the exception class names some parsers put in their messages
     * ({@code org.xml.sax.SAXParseException; lineNumber: 9; columnNumber: 15; …}).
     */
    private static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "the parser gave no reason";
        }
        return message.replaceAll("\\s+", " ")
                .replaceAll("\\b[a-z][\\w$]*(\\.[\\w$]+)+(Exception|Error)\\b[;:]?\\s*", "")
                .replaceAll("lineNumber: (\\d+); columnNumber: (\\d+);", "line $1, column $2:")
                .strip();
    }
}
