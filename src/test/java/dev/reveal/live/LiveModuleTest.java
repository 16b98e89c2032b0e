package dev.reveal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.reveal.catalog.EventStatus;
import dev.reveal.catalog.EventStatusChanged;
import dev.reveal.catalog.MarketStatus;
import dev.reveal.catalog.MarketStatusChanged;
import dev.reveal.catalog.RevealLinks;
import dev.reveal.support.PlatformForModuleTests;
import dev.reveal.support.SliceDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live alone on the slice database: the catalog's status facts become NOTIFYs on the live channel inside the
 * publishing transaction, numbered from the live sequence, and a rolled-back change is never announced. The test
 * listens on the channel itself, as every instance's {@link LiveListener} does. The catalog's link signing is
 * replaced (only reveal messages use it).
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.STANDALONE)
@Import(PlatformForModuleTests.class)
@SliceDatabase
@ActiveProfiles("test")
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class LiveModuleTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    ApplicationEventPublisher facts;

    @MockitoBean
    RevealLinks links;

    private Connection listening;
    private final List<Notice> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void listen() throws SQLException {
        listening = dataSource.getConnection();
        try (Statement s = listening.createStatement()) {
            s.execute("LISTEN " + LiveNotifier.CHANNEL);
        }
    }

    @AfterEach
    void stopListening() throws SQLException {
        listening.close();
    }

    /** Waits for the notice about the given market or event (NOTIFYs arrive in commit order). */
    private Notice awaitNotice(UUID id) {
        PGConnection pg;
        try {
            pg = listening.unwrap(PGConnection.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            PGNotification[] received = pg.getNotifications(200);
            if (received != null) {
                for (PGNotification n : received) {
                    heard.add(Notice.decode(n.getParameter()));
                }
            }
            return heard.stream().filter(n -> id.equals(n.marketId()) || (n.marketId() == null && id.equals(n.eventId())))
                    .findFirst().orElse(null);
        }, n -> n != null);
    }

    @Test
    void aMarketAndAnEventStatusFactAreAnnouncedInNumberedOrder(Scenario scenario) {
        UUID event = UUID.randomUUID();
        UUID market = UUID.randomUUID();

        scenario.publish(new MarketStatusChanged(market, event, MarketStatus.OPEN, MarketStatus.SUSPENDED))
                .andWaitForStateChange(() -> awaitNotice(market))
                .andVerify(n -> {
                    assertThat(n.kind()).isEqualTo(Notice.Kind.MARKET);
                    assertThat(n.eventId()).isEqualTo(event);
                    assertThat(n.status()).isEqualTo("SUSPENDED");
                });
        Notice marketNotice = awaitNotice(market);

        scenario.publish(new EventStatusChanged(event, EventStatus.OPEN, EventStatus.LOCKED))
                .andWaitForStateChange(() -> awaitNotice(event))
                .andVerify(n -> {
                    assertThat(n.kind()).isEqualTo(Notice.Kind.EVENT);
                    assertThat(n.status()).isEqualTo("LOCKED");
                    assertThat(n.id()).isGreaterThan(marketNotice.id());
                });
    }

    @Test
    void aRolledBackChangeIsNeverAnnounced() {
        UUID event = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        tx.executeWithoutResult(s -> {
            facts.publishEvent(new MarketStatusChanged(rolledBack, event, MarketStatus.OPEN, MarketStatus.LOCKED));
            s.setRollbackOnly();
        });
        tx.executeWithoutResult(s -> facts.publishEvent(
                new MarketStatusChanged(committed, event, MarketStatus.OPEN, MarketStatus.LOCKED)));

        // the committed notice came after the rolled-back one would have: had that been sent, it were heard by now
        assertThat(awaitNotice(committed).status()).isEqualTo("LOCKED");
        assertThat(heard).extracting(Notice::marketId).doesNotContain(rolledBack);
    }
}
