package dev.reveal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Actor;
import dev.reveal.platform.Ids;
import dev.reveal.support.TestTraces;
import dev.reveal.support.AnalyticsFixtures;
import dev.reveal.support.Api;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.Tokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * 25 audit rows written through {@link AuditLog} under a target type only this test uses: 5 targets of 5 rows,
 * actors cycling OPERATOR, SYSTEM, PLAYER, two actions and two trace ids.
 */
class AuditQueryTest extends IntegrationTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate tx;

    private String s;
    private String targetType;
    private final List<UUID> targets = new ArrayList<>();
    private final List<UUID> rows = new ArrayList<>();
    private final String traceA = TestTraces.newTraceId();
    private final String traceB = TestTraces.newTraceId();

    @BeforeEach
    void writeTheTrail() {
        s = AnalyticsFixtures.suffix();
        targetType = "AUDIT_TEST_" + s.toUpperCase();
        for (int t = 0; t < 5; t++) {
            targets.add(UUID.randomUUID());
        }
        for (int i = 0; i < 25; i++) {
            int n = i;
            Actor actor = switch (i % 3) {
                case 0 -> new Actor(Actor.Type.OPERATOR, "op-" + s);
                case 1 -> Actor.system();
                default -> new Actor(Actor.Type.PLAYER, "pl-" + s);
            };
            try (io.opentelemetry.context.Scope ignored = TestTraces.open(i < 10 ? traceA : traceB)) {
                rows.add(tx.execute(status -> auditLog.record(AuditEntry.of(actor, n % 2 == 0 ? "AT_EVEN_" + s.toUpperCase()
                        : "AT_ODD_" + s.toUpperCase(), targetType, targets.get(n % 5)).withNote("row " + n)
                        .with("n", n).with("parity", n % 2 == 0 ? "even" : "odd"))));
            }
        }
    }

    private Api.Response get(String query) {
        return api.as(Tokens.operator("auditor")).get("/admin/v1/audit-logs?" + query).send();
    }

    private List<JsonNode> all(String query) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response r = get(query + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().get("items").forEach(items::add);
            cursor = r.json().has("nextCursor") ? r.json().get("nextCursor").asString() : null;
        } while (cursor != null);
        return items;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(i -> i.get("id").asString()).toList();
    }

    @Test
    void pagesNewestFirstWithNoRowLostOrRepeated() {
        List<Integer> pageSizes = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response r = get("targetType=" + targetType + "&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            pageSizes.add(r.json().get("items").size());
            r.json().get("items").forEach(items::add);
            cursor = r.json().has("nextCursor") ? r.json().get("nextCursor").asString() : null;
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(7, 7, 7, 4);
        List<String> expected = jdbc.queryForList("""
                SELECT id::text FROM audit_logs WHERE target_type = ? ORDER BY created_at DESC, id DESC
                """, String.class, targetType);
        assertThat(ids(items)).containsExactlyElementsOf(expected).doesNotHaveDuplicates().hasSize(25);
        assertThat(new HashSet<>(ids(items))).isEqualTo(new HashSet<>(rows.stream().map(UUID::toString).toList()));

        JsonNode first = items.stream().filter(i -> i.get("id").asString().equals(rows.get(24).toString())).findFirst().orElseThrow();
        assertThat(first.get("note").asString()).isEqualTo("row 24");
        assertThat(first.get("traceId").asString()).isEqualTo(traceB);
        assertThat(first.get("actorType").asString()).isEqualTo("OPERATOR");
        assertThat(first.get("actorId").asString()).isEqualTo("op-" + s);
        assertThat(first.get("targetId").asString()).isEqualTo(targets.get(4).toString());
        assertThat(first.get("attributes").get("n").asString()).isEqualTo("24");
        assertThat(first.get("attributes").get("parity").asString()).isEqualTo("even");
        assertThat(items).allSatisfy(i -> assertThat(i.get("attributes").size()).isEqualTo(2));
    }

    @Test
    void filtersByEachField() {
        String base = "targetType=" + targetType;
        assertThat(all(base)).hasSize(25);
        assertThat(all(base + "&targetId=" + targets.get(2))).hasSize(5)
                .allSatisfy(i -> assertThat(i.get("targetId").asString()).isEqualTo(targets.get(2).toString()));
        assertThat(all("targetId=" + targets.get(3))).hasSize(5);                             // target id alone
        assertThat(all(base + "&actorType=OPERATOR")).hasSize(9);                            // i % 3 == 0: 0,3,..,24
        assertThat(all(base + "&actorType=SYSTEM")).hasSize(8)                               // i % 3 == 1
                .allSatisfy(i -> assertThat(i.has("actorId")).isFalse());
        assertThat(all("actorType=PLAYER&actorId=pl-" + s)).hasSize(8);                      // i % 3 == 2
        assertThat(all("actorId=op-" + s)).hasSize(9);
        assertThat(all("action=AT_EVEN_" + s.toUpperCase())).hasSize(13);
        assertThat(all("action=AT_ODD_" + s.toUpperCase() + "&targetId=" + targets.get(1))).hasSize(3); // 1, 11, 21
        assertThat(all("traceId=" + traceA)).hasSize(10);
        assertThat(all("traceId=" + traceB + "&actorType=OPERATOR")).hasSize(5);            // 12,15,18,21,24
        assertThat(all(base + "&actorType=PLAYER&action=AT_EVEN_" + s.toUpperCase())).hasSize(4); // 2,8,14,20
    }

    @Test
    void filtersByTimeRangeWithInclusiveFromAndExclusiveTo() {
        String type = "AUDIT_TIME_" + s.toUpperCase();
        Instant t = Instant.parse("1999-05-05T10:00:00Z");
        for (int minute = 0; minute < 5; minute++) {
            jdbc.update("""
                    INSERT INTO audit_logs (id, created_at, actor_type, actor_id, action_name, target_type, target_id, trace_id)
                    VALUES (?, ?, 'SYSTEM', NULL, 'TIMED', ?, NULL, ?)
                    """, Ids.newId(), Timestamp.from(t.plusSeconds(60L * minute)), type, traceA);
        }
        List<JsonNode> middle = all("targetType=" + type + "&from=" + t.plusSeconds(60) + "&to=" + t.plusSeconds(240));
        assertThat(middle).extracting(i -> i.get("createdAt").asString())
                .containsExactly("1999-05-05T10:03:00Z", "1999-05-05T10:02:00Z", "1999-05-05T10:01:00Z");
        assertThat(middle).allSatisfy(i -> assertThat(i.get("attributes").size()).isZero());
        assertThat(all("targetType=" + type + "&from=" + t.plusSeconds(240))).hasSize(1);
        assertThat(all("targetType=" + type + "&to=" + t.plusSeconds(60))).hasSize(1);
    }

    @Test
    void invalidFiltersAreBadRequests() {
        for (String query : List.of("targetId=not-a-uuid", "targetId=1-2-3-4-5", "actorType=ROBOT", "actorType=operator",
                "action=lower_case", "targetType=Market", "traceId=xyz", "from=yesterday",
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "limit=0", "limit=201", "limit=ten",
                "cursor=bm90LWEtY3Vyc29y")) {
            String trace = TestTraces.newTraceId();
            Api.Response r = api.as(Tokens.operator("auditor")).get("/admin/v1/audit-logs?" + query)
                    .header("traceparent", TestTraces.traceparent(trace)).send();
            assertThat(r.status()).as(query + " → " + r).isEqualTo(400);
            assertThat(r.code()).as(query).isIn("INVALID_PARAMETER", "INVALID_CURSOR");
            assertThat(r.json().get("traceId").asString()).as("the caller's trace").isEqualTo(trace);
        }
        assertThat(api.as(Tokens.player("p")).get("/admin/v1/audit-logs").send().status()).isEqualTo(403);
    }
}
