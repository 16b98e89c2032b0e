package dev.reveal;

import dev.reveal.audit.AuditCommand;
import dev.reveal.platform.TokenCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RevealApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(TokenCommand.run(args));
        }
        if (args.length > 0 && args[0].equals("audit")) {
            System.exit(AuditCommand.run(RevealApplication.class, args));
        }
        SpringApplication.run(RevealApplication.class, args);
    }
}
