package dev.reveal.experiments;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The experiment: {@code variants} as {@code name:weight,...}, the {@code salt} of the assignment hash (a new salt
 * reshuffles users never assigned), and the {@code control} variant reports compare with.
 */
@ConfigurationProperties("reveal.experiments")
record ExperimentsProperties(@DefaultValue("reveal-experiment-1") String salt,
                             @DefaultValue("control:50,b:50") String variants,
                             @DefaultValue("control") String control) {
}
