package dev.reveal.catalog;

import org.springframework.context.ApplicationContext;

/** For tests outside catalog that drive a context's lifecycle job by hand (it is off in the test profile). */
public final class LifecycleJobs {

    private LifecycleJobs() {
    }

    /** One pass of the context's job, as its schedule would run it. */
    public static Runnable runOnce(ApplicationContext context) {
        LifecycleJob job = context.getBean(LifecycleJob.class);
        return job::runOnce;
    }
}
