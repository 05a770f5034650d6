package io.quartermaster.server.workflows;

import org.flowable.common.engine.impl.javax.el.ELContext;
import org.flowable.common.engine.impl.javax.el.ELException;
import org.flowable.common.engine.impl.javax.el.ELResolver;

/**
 * Keeps BPMN expressions away from Java reflection. Expressions may call any public method of the
 * objects they reach, so without this {@code ${''.getClass().forName('…')}} would reach every class of
 * the server and the {@link WorkflowBean} allow-list would be a list of names only. Consulted before
 * the engine's other resolvers: asking any object for its class, or touching a class, class loader,
 * thread or reflective object, fails the expression.
 */
final class NoReflectionELResolver extends ELResolver {

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base != null && (forbidden(base) || "class".equals(property))) {
            throw refused(property);
        }
        return null;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base != null && (forbidden(base) || "getClass".equals(method))) {
            throw refused(method);
        }
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        if (base != null && forbidden(base)) {
            throw refused(property);
        }
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    private static boolean forbidden(Object base) {
        String packageName = base.getClass().getPackageName();
        return base instanceof Class<?> || base instanceof ClassLoader || base instanceof Thread
                || base instanceof Module || base instanceof Runtime || base instanceof ProcessBuilder
                || packageName.startsWith("java.lang.reflect") || packageName.startsWith("java.lang.invoke");
    }

    private static ELException refused(Object name) {
        return new ELException("Workflow expressions may not use reflection ('" + name + "').");
    }
}
