package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.RevealApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded default keeps its data across a stop and a start, stops its server with the context, and takes extra
 * server settings without giving up durability.
 */
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

    @Test
    void extraServerSettingsApplyButDurabilityStaysOn() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "settings-");
        try (ConfigurableApplicationContext context = start(dataDir, "--reveal.database.embedded.settings.work_mem=7MB",
                "--reveal.database.embedded.settings.fsync=off",
                "--reveal.database.embedded.settings.synchronous_commit=off")) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SHOW work_mem", String.class)).isEqualTo("7MB");
            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... extra) {
        String[] args = Stream.concat(Stream.of("--reveal.data.dir=" + dataDir, "--logging.structured.format.console="),
                Stream.of(extra)).toArray(String[]::new);
        return new SpringApplicationBuilder(RevealApplication.class).web(WebApplicationType.NONE).run(args);
    }
}
