package dev.reveal.audit;

import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar reveal.jar audit verify [--spring.datasource.url=...]}: recomputes the audit hash chain of the
 * database the service is configured with (the same properties and environment variables; the embedded default's
 * database only while the service is stopped) and prints whether it holds or which row breaks it. Exit 0 when intact,
 * 1 when broken, 2 on usage errors. While the service runs, {@code GET /admin/v1/audit-logs/verification} does the same.
 */
public final class AuditCommand {

    private AuditCommand() {
    }

    public static int run(Class<?> application, String[] args) {
        if (args.length < 2 || !args[1].equals("verify")) {
            System.err.println("usage: audit verify [--spring.datasource.url=jdbc:postgresql://... ...]");
            return 2;
        }
        String[] springArgs = Arrays.copyOfRange(args, 2, args.length);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                // only what verification needs: no jobs, no demo content, no stream listener
                .properties("spring.main.lazy-initialization=true", "reveal.lifecycle.enabled=false",
                        "reveal.demo.enabled=false", "logging.level.root=WARN")
                .run(springArgs)) {
            AuditVerification.Result result = context.getBean(AuditVerification.class).verify();
            System.out.println((result.intact() ? "INTACT: " : "BROKEN: ") + result.reason());
            System.out.println("rows checked: " + result.rows() + ", chain head: " + result.headHash());
            if (!result.intact()) {
                System.out.println("first broken row: " + result.brokenRowId()
                        + (result.brokenSeq() == null ? "" : " (sequence " + result.brokenSeq() + ")"));
            }
            return result.intact() ? 0 : 1;
        }
    }
}
