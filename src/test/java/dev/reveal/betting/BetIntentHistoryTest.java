package dev.reveal.betting;

import static dev.reveal.betting.Intents.body;
import static dev.reveal.betting.Intents.newKey;
import static dev.reveal.betting.Intents.place;
import static dev.reveal.betting.Intents.yes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.platform.Ids;
import dev.reveal.support.Api;
import dev.reveal.support.Fixtures;
import dev.reveal.support.IntegrationTest;
import dev.reveal.support.PlayerSessions;
import dev.reveal.support.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BetIntentHistoryTest extends IntegrationTest {

    private String placed(String token, Map<String, Object> body) {
        Api.Response r = place(api, token, newKey(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void historyIsNewestFirstWithResultsAndPagesByCursor() {
        String ref = PlayerSessions.newRef("historian");
        String token = Tokens.player(ref);
        UUID session = PlayerSessions.start(api, ref);
        Fixtures.OpenMarket won = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.OpenMarket lost = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.OpenMarket voided = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        Fixtures.OpenMarket pending = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));

        String wonId = placed(token, yes(session, won));
        String lostId = placed(token, yes(session, lost));
        String voidId = placed(token, yes(session, voided));
        String pendingId = placed(token, yes(session, pending));
        String refusedId = placed(token, body(session, pending, pending.noOutcomeId(), pending.oddsVersionId(), null));

        settle(won, won.yesOutcomeId());
        settle(lost, lost.noOutcomeId());
        jdbc.update("UPDATE markets SET status = 'VOID' WHERE id = ?", voided.marketId());

        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = api.as(token).get("/api/v1/me/bet-intents?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).send();
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(items::add);
            cursor = page.json().has("nextCursor") ? page.json().get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(items).extracting(i -> i.get("id").asString())
                .containsExactly(refusedId, pendingId, voidId, lostId, wonId);
        Map<String, JsonNode> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.get("id").asString(), i));
        assertThat(byId.get(wonId).get("result").asString()).isEqualTo("WON");
        assertThat(byId.get(wonId).get("winningOutcomeId").asString()).isEqualTo(won.yesOutcomeId().toString());
        assertThat(byId.get(lostId).get("result").asString()).isEqualTo("LOST");
        assertThat(byId.get(voidId).get("result").asString()).isEqualTo("VOID");
        assertThat(byId.get(pendingId).get("result").asString()).isEqualTo("PENDING");
        assertThat(byId.get(refusedId).get("acceptanceCode").asString()).isEqualTo("ALREADY_PREDICTED");
        assertThat(byId.get(refusedId).has("result")).as("refused intents have no result").isFalse();

        Api.Response oneEvent = api.as(token).get("/api/v1/me/bet-intents?eventId=" + lost.eventId()).send();
        assertThat(oneEvent.json().get("items")).hasSize(1);
        assertThat(oneEvent.json().at("/items/0/id").asString()).isEqualTo(lostId);
        assertThat(api.as(token).get("/api/v1/me/bet-intents?limit=0").send().status()).isEqualTo(400);
        assertThat(api.as(token).get("/api/v1/me/bet-intents?cursor=garbage").send().code()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void aHistoryEndingAtAPageBoundaryHasNoEmptyLastPage() {
        String ref = PlayerSessions.newRef("boundary");
        String token = Tokens.player(ref);
        UUID session = PlayerSessions.start(api, ref);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            placed.add(0, placed(token, yes(session, Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600)))));
        }

        Api.Response first = api.as(token).get("/api/v1/me/bet-intents?limit=2").send();
        assertThat(first.json().has("nextCursor")).as(first.body()).isTrue();
        Api.Response second = api.as(token)
                .get("/api/v1/me/bet-intents?limit=2&cursor=" + first.json().get("nextCursor").asString()).send();

        assertThat(second.json().get("items")).extracting(i -> i.get("id").asString())
                .containsExactly(placed.get(2), placed.get(3));
        assertThat(second.json().has("nextCursor")).as("the history ends with this page: " + second.body()).isFalse();
    }

    @Test
    void aPlayerNeverSeesAnotherPlayersIntents() {
        String owner = PlayerSessions.newRef("owner");
        UUID session = PlayerSessions.start(api, owner);
        Fixtures.OpenMarket m = Fixtures.openMarket(jdbc, Instant.now().plusSeconds(600));
        String id = placed(Tokens.player(owner), yes(session, m));

        String intruder = Tokens.player(PlayerSessions.newRef("intruder"));
        PlayerSessions.start(api, PlayerSessions.newRef("intruder-with-session"));
        Api.Response one = api.as(intruder).get("/api/v1/me/bet-intents/" + id).send();
        assertThat(one.status()).isEqualTo(404);
        assertThat(api.as(intruder).get("/api/v1/me/bet-intents?eventId=" + m.eventId()).send().json().get("items")).isEmpty();
        assertThat(api.as(Tokens.player(owner)).get("/api/v1/me/bet-intents/" + id).send().status()).isEqualTo(200);
    }

    private void settle(Fixtures.OpenMarket m, UUID winner) {
        jdbc.update("UPDATE markets SET status = 'SETTLED' WHERE id = ?", m.marketId());
        jdbc.update("INSERT INTO settlements (id, market_id, settled_at, winning_outcome_id) VALUES (?, ?, now(), ?)",
                Ids.newId(), m.marketId(), winner);
    }
}
