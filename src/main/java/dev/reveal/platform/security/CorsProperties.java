package dev.reveal.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param allowedOrigins origins allowed by CORS (comma-separated in one property); none by default */
@ConfigurationProperties("reveal.cors")
record CorsProperties(List<String> allowedOrigins) {

    CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().filter(o -> o != null && !o.isBlank()).toList();
    }
}
