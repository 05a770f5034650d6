package io.quartermaster.server.platform.web;

import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat looks for timed-out connections every 5 s instead of every second. Each look walks every open
 * connection, and a node that holds thousands of agents' long polls has as many open: with 10,000 idle agents,
 * that walk was the busiest thing on the connector's poller thread, over a tenth of the server's CPU samples.
 * Timeouts here are tens of seconds (keep-alive) or minutes (a long poll answers itself), so seeing them a few
 * seconds later changes nothing.
 */
@Component
class ConnectionTimeoutChecks implements TomcatConnectorCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTimeoutChecks.class);
    private static final String EVERY_MILLIS = "5000";

    @Override
    public void customize(Connector connector) {
        // The poller's longest sleep when nothing happens, and its least time between two walks when busy.
        boolean set = connector.setProperty("selectorTimeout", EVERY_MILLIS)
                & connector.setProperty("socket.timeoutInterval", EVERY_MILLIS);
        if (!set) {
            log.warn("Could not space out Tomcat's connection timeout checks on {}; they stay every second", connector);
        }
    }
}
