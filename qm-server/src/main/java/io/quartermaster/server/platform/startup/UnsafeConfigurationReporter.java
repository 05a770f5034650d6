package io.quartermaster.server.platform.startup;

import org.springframework.boot.SpringBootExceptionReporter;

/**
 * Keeps Spring Boot from logging a refused production configuration or an invalid setting as a stack
 * trace: the server command prints it as one line instead.
 */
public class UnsafeConfigurationReporter implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        return UnsafeConfigurationException.findIn(failure) != null || InvalidSettingException.findIn(failure) != null;
    }
}
