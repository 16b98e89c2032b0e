package dev.reveal.platform.security;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Workspace;
import dev.reveal.platform.web.ProblemWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Stateless bearer-JWT security. Players are any valid token ({@code sub} = external ref); operators carry
 * {@code roles: [operator]}. Health, API docs and the static pages are public; everything else needs a token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**",
            "/error", "/", "/index.html", "/console", "/console/**", "/assets/**", "/media/**", "/favicon.ico",
            "/webjars/**", "/demo", "/demo/token"};

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems,
            CorsConfigurationSource corsConfigurationSource) throws Exception {
        CorsFilter cors = new CorsFilter(corsConfigurationSource);
        cors.setCorsProcessor(new ProblemCorsProcessor(problems));
        http
                .csrf(csrf -> csrf.disable())
                .cors(c -> c.disable())
                .addFilterAfter(cors, HeaderWriterFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .headers(h -> h
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data: https: http:; media-src 'self' blob: https: http:; "
                                        + "connect-src 'self' https: http:; style-src 'self' 'unsafe-inline'; "
                                        + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/admin/v1/**", "/actuator/**").hasAuthority(Actor.OPERATOR_AUTHORITY)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authoritiesFromRoles()))
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                    "a valid bearer token is required");
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "this endpoint needs the operator role")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                                    "a valid bearer token is required");
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "FORBIDDEN", "this endpoint needs the operator role")));
        return http.build();
    }

    /** Requests the firewall refuses (a header byte 0x80–0x9F, an encoded path trick) are 400 problems, not 500s. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, ex) -> problems.write(response, HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "the request has a header, path or parameter the service does not accept");
    }

    @Bean
    SigningKey signingKey(AuthProperties props, Workspace workspace) {
        String secret = props.hmac().secret();
        if (secret != null && !secret.isBlank()) {
            return SigningKey.configured(secret);
        }
        if (props.jwkSetUri() != null) {
            return null;
        }
        if (!workspace.dev()) {
            throw new IllegalStateException("outside development mode (reveal.dev, the default with an external "
                    + "database), configure REVEAL_AUTH_HMAC_SECRET or reveal.auth.jwk-set-uri");
        }
        log.info("no token secret configured: using development mode's generated secret in {}", workspace.data().dir());
        return SigningKey.generatedIn(workspace.data().dir());
    }

    @Bean
    JwtDecoder jwtDecoder(AuthProperties props, org.springframework.beans.factory.ObjectProvider<SigningKey> key) {
        NimbusJwtDecoder decoder = props.jwkSetUri() != null
                ? NimbusJwtDecoder.withJwkSetUri(props.jwkSetUri().toString()).build()
                : NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key.getIfAvailable().secret(), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256).build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(props.clockSkew()));
        validators.add(TokenClaims.validator());
        if (props.issuer() != null && !props.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(props.issuer()));
        }
        if (props.audience() != null && !props.audience().isBlank()) {
            // a claim of another JSON type (a number, an object) is a wrong audience, not a fault
            validators.add(new JwtClaimValidator<Object>("aud",
                    aud -> aud instanceof Collection<?> c && c.contains(props.audience())));
        }
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(validators);
        decoder.setJwtValidator(validator);
        JwtDecoder strict = TokenClaims.strictUtf8(decoder);
        return props.tokenCache().enabled()
                ? new VerifiedTokens(strict, validator, props.tokenCache().maxTokens(), props.tokenCache().ttl())
                : strict;
    }

    /**
     * No tracing span or timer around each of the security filters and each authentication: on the prediction path
     * they cost more CPU than the token check itself. Requests stay observed as a whole (http.server.requests).
     * {@code reveal.security.filter-observations=true} brings them back.
     */
    @Bean
    @ConditionalOnProperty(name = "reveal.security.filter-observations", havingValue = "false", matchIfMissing = true)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(cors.allowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match",
                "traceparent", "Last-Event-ID"));
        config.setExposedHeaders(List.of("ETag", "Idempotent-Replayed", "Retry-After", "traceparent", "Location"));
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }

    private static JwtAuthenticationConverter authoritiesFromRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_PLAYER"));
            if (TokenClaims.roles(jwt).contains("operator")) {
                authorities.add(new SimpleGrantedAuthority(Actor.OPERATOR_AUTHORITY));
            }
            return authorities;
        });
        return converter;
    }
}
