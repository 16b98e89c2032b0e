package dev.reveal.platform;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The one place that decides whether this is a developer's machine ({@code reveal.dev}): when the setting is not
 * given, it is {@code true} exactly when no database is configured (no {@code spring.datasource.url}, so the embedded
 * PostgreSQL runs). Everything that behaves differently there reads {@code reveal.dev} ({@link Workspace#dev()}):
 * listening on loopback only, the generated token secret, media playlists from private addresses.
 */
public class DevelopmentMode implements EnvironmentPostProcessor {

    public static final String PROPERTY = "reveal.dev";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(PROPERTY)) {
            boolean noDatabase = environment.getProperty("spring.datasource.url", "").isBlank();
            // last: below every configured source, so it is only ever a default
            environment.getPropertySources().addLast(new MapPropertySource("revealDevelopmentMode",
                    Map.of(PROPERTY, Boolean.toString(noDatabase))));
        }
    }
}
