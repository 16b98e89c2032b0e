package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.RevealApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded default keeps its data across a stop and a start, and stops its server with the context. */
class EmbeddedDatabaseRestartTest {

    @Test
    void rowsSurviveARestartOnTheSameDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "restart-");
        UUID id = Ids.newId();
        try (ConfigurableApplicationContext first = start(dataDir)) {
            first.getBean(JdbcTemplate.class).update(
                    "INSERT INTO localization_keys (id, key_name, description) VALUES (?, 'restart.check', 'kept')", id);
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        try (ConfigurableApplicationContext second = start(dataDir)) {
            String description = second.getBean(JdbcTemplate.class)
                    .queryForObject("SELECT description FROM localization_keys WHERE id = ?", String.class, id);
            assertThat(description).isEqualTo("kept");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(RevealApplication.class)
                .web(WebApplicationType.NONE)
                .run("--reveal.data.dir=" + dataDir, "--logging.structured.format.console=");
    }
}
