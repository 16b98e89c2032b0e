package dev.reveal.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.ActiveProfiles;

/**
 * A {@code @WebMvcTest} of one controller: its request mapping, validation and the platform's problem responses.
 * The security filters and the platform's rate-limit and body filters (which need the database) are left out; the
 * caller ({@link #PLAYER}, or {@link #OPERATOR} with {@code operator = true}) is put on the test thread as the token
 * filter would.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
        pattern = "dev\\.reveal\\.platform\\.web\\.WebConfig"))
@AutoConfigureMockMvc(addFilters = false)
@ActiveProfiles("test")
@ExtendWith(ControllerSlice.SignedIn.class)
public @interface ControllerSlice {

    String PLAYER = "slice-player";
    String OPERATOR = "op-slice";

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value();

    /** Calls as an operator (the admin API) instead of a player. */
    boolean operator() default false;

    /** The caller of every request of the test. */
    class SignedIn implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            boolean operator = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ControllerSlice.class)
                    .map(ControllerSlice::operator).orElse(false);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    operator ? OPERATOR : PLAYER, null,
                    List.of(new SimpleGrantedAuthority(operator ? "ROLE_OPERATOR" : "ROLE_PLAYER"))));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            SecurityContextHolder.clearContext();
        }
    }
}
