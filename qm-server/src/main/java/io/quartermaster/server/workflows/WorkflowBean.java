package io.quartermaster.server.workflows;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring bean that BPMN expressions ({@code ${machineSteps.enter(execution, 'Active')}},
 * delegate expressions) may call. The engine sees only beans carrying this annotation: workflow
 * versions can be deployed through the API, so a process definition must not reach the user service or
 * the data source by naming them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WorkflowBean {}
