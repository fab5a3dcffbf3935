package micros.crosscheck.boot;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The number of tries of a whole-machine property: what the property says (the suite's share), or
 * {@code -Dmicros.campaign=N} ({@code ./micros test --campaign N}) for a longer randomized run.
 */
public final class Campaign implements AroundPropertyHook {
    public static final String PROPERTY = "micros.campaign";

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Integer n = Integer.getInteger(PROPERTY);
        if (n != null) context.attributes().setTries(n);
        return property.execute();
    }

    /** Before jqwik reads the attributes. */
    @Override
    public int aroundPropertyProximity() { return -100; }
}
