package dev.reveal.platform;

import dev.reveal.platform.security.SigningKey;
import dev.reveal.platform.security.TokenMinter;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar reveal.jar token --subject alice [--operator] [--ttl PT8H] [--data-dir ./data]}: prints a bearer
 * token signed with {@code REVEAL_AUTH_HMAC_SECRET}, or with the embedded default's generated secret.
 */
public final class TokenCommand {

    private static final String USAGE = "usage: token --subject NAME [--operator] [--ttl PT8H] [--data-dir ./data]";
    private static final String HELP = """
              --subject NAME    the player's external ref, or the operator's name (required)
              --operator        adds the operator role (the console and /admin/v1)
              --ttl DURATION    how long the token is valid, ISO-8601 (default PT8H)
              --data-dir DIR    where the embedded default keeps its generated secret (default ./data,
                                or REVEAL_DATA_DIR); ignored when REVEAL_AUTH_HMAC_SECRET is set
            A new data folder has a new secret: mint tokens again after changing it.""";

    private TokenCommand() {
    }

    public static int run(String[] args) {
        String subject = null;
        boolean operator = false;
        Duration ttl = Duration.ofHours(8);
        Path dataDir = Path.of(System.getenv().getOrDefault("REVEAL_DATA_DIR", "data"));
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        System.out.println(HELP);
                        return 0;
                    }
                    case "--subject" -> subject = args[++i];
                    case "--operator" -> operator = true;
                    case "--ttl" -> ttl = Duration.parse(args[++i]);
                    case "--data-dir" -> dataDir = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            return usage(e.getMessage());
        }
        if (subject == null || subject.isBlank()) {
            return usage("--subject is required");
        }
        String configured = System.getenv("REVEAL_AUTH_HMAC_SECRET");
        SigningKey key = configured != null && !configured.isBlank()
                ? SigningKey.configured(configured)
                : SigningKey.generatedIn(dataDir);
        System.out.println(new TokenMinter(key).mint(subject, operator, ttl));
        return 0;
    }

    private static int usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.err.println("(token --help explains the options)");
        return 2;
    }
}
