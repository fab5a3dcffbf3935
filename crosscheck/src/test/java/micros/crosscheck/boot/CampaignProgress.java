package micros.crosscheck.boot;

import micros.crosscheck.Progress;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

import java.util.List;

/**
 * A whole-machine campaign's status line ({@link Progress}: machines done, failed, time left) around a
 * property's tries, for {@code @AddLifecycleHook(CampaignProgress.class)}. Tries that shrink a failure count too.
 */
public final class CampaignProgress implements AroundPropertyHook, AroundTryHook {
    /** On a class, for its properties (jqwik applies a class's hooks to the class alone unless told). */
    @Override public PropagationMode propagateTo() { return PropagationMode.ALL_DESCENDANTS; }

    /** The property running now: jqwik runs one at a time here. */
    private static volatile Progress current;

    @Override public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        current = Progress.of(context.containerClass().getSimpleName() + " machines", context.attributes().tries().map(Integer::longValue).orElse(Progress.campaign()));
        try {
            return property.execute();
        } finally {
            current.finish();
            current = null;
        }
    }

    @Override public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        TryExecutionResult r = aTry.execute(parameters);
        Progress p = current;
        if (p != null && !r.isInvalid()) p.done(r.isSatisfied());
        return r;
    }
}
