package storylab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.RunException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's in-process execution engine, with two additions the kernel needs: the raw value of each
 * snippet (so charts and tables reach the renderers as objects, not strings) and the thread that runs it
 * (so an interrupt can first ask politely with {@link Thread#interrupt()}).
 *
 * <p>We keep {@link LocalExecutionControl}'s own {@code invoke} and {@code stop}: it is the one engine that
 * can stop a busy loop (Thread.stop on JDK 17, byte-code stop checks on JDK 21+). To see the value we hand
 * it a trampoline method that calls the snippet and keeps what it returns.
 */
final class CapturingExecutionControl extends LocalExecutionControl {

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = CapturingExecutionControl.class.getDeclaredMethod("trampoline");
            TRAMPOLINE.setAccessible(true); // our class is package-private; JShell invokes from its own module
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // One evaluator per JVM is the rule (System.out is global too), so statics are honest here.
    private static volatile Method target;
    private static volatile Object value;
    private static volatile Thread running;

    /** Runs on JShell's snippet thread. */
    public static Object trampoline() throws Throwable {
        running = Thread.currentThread();
        try {
            Object v = target.invoke(null);
            value = v;
            return v;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            running = null;
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        target = doitMethod;
        value = null;
        return super.invoke(TRAMPOLINE);
    }

    /** JShell reads a declared variable's value here, after running its initialiser: keep the object. */
    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            var field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            value = field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            value = null;
        }
        return super.varValue(className, varName);
    }

    /**
     * JShell adds class path entries to the compiler and to the snippets' class loader. Entries the
     * system class loader already has must not be loaded again by the child loader (the lab's classes
     * would exist twice, and the kernel's display sink would not be the one cells see).
     */
    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        var system = java.util.Set.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        var fresh = java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(p -> !p.isBlank() && !system.contains(p))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        if (!fresh.isEmpty()) super.addToClasspath(fresh);
    }

    /** The value the last snippet returned (an expression's value; null for statements). */
    static Object lastValue() {
        return value;
    }

    /** The thread running user code right now, or null when idle. */
    static Thread runningThread() {
        return running;
    }

    /** Registered with JShell under the name "storylab". */
    static final class Provider implements ExecutionControlProvider {
        @Override
        public String name() {
            return "storylab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new CapturingExecutionControl();
        }
    }
}
