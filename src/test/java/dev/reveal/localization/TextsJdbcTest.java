package dev.reveal.localization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reveal.support.SliceDatabase;
import dev.reveal.support.SliceReads;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.jdbc.Sql;

/** The texts the feed reads through localization's API, with their locale fallback, on the real database. */
@JdbcTest
@SliceDatabase
@Sql("/fixtures/market.sql")
@Import({Texts.class, LocalizationKeys.class, SliceReads.class})
class TextsJdbcTest {

    @Autowired
    Texts texts;

    @Autowired
    LocalizationKeys keys;

    @Test
    void eachKeyTakesTheFirstLocaleOfTheChainThatHasIt() {
        // slice.question has en and sv, slice.yes only en, slice.no no text at all
        assertThat(texts.resolve(List.of("slice.question", "slice.yes", "slice.no"), List.of("sv-SE", "sv", "en")))
                .containsOnly(java.util.Map.entry("slice.question", "Går den in?"), java.util.Map.entry("slice.yes", "Yes"));
        assertThat(texts.resolve(List.of("slice.question"), List.of("en"))).containsEntry("slice.question", "Will it go in?");
        assertThat(texts.resolve(List.of(), List.of("en"))).isEmpty();
    }

    @Test
    void theBundleFallsBackTheSameWay() {
        assertThat(keys.bundle(List.of("sv-SE", "sv", "en"))).containsEntry("slice.question", "Går den in?")
                .containsEntry("slice.yes", "Yes").doesNotContainKey("slice.no");
    }

    @Test
    void keysPageInNameOrderAfterTheCursorWithAllTheirValues() {
        // the fixture's keys sort slice.no < slice.question < slice.yes
        List<LocalizationKeyView> first = keys.list("slice.", 2);
        assertThat(first).extracting(LocalizationKeyView::keyName).containsExactly("slice.no", "slice.question");
        assertThat(first.get(0).values()).isEmpty();
        assertThat(first.get(1).values()).containsOnly(java.util.Map.entry("en", "Will it go in?"),
                java.util.Map.entry("sv", "Går den in?"));
        assertThat(keys.list("slice.question", 2)).extracting(LocalizationKeyView::keyName).first().isEqualTo("slice.yes");
    }

    @Test
    void aTakenNameIsNoInsertAndAnUpsertSaysWhetherItCreated() {
        assertThat(keys.insert("slice.yes", "again")).isEmpty();
        assertThat(keys.upsert("slice.yes", null).created()).isFalse();
        LocalizationKeys.UpsertedKey created = keys.upsert("slice.maybe", "new");
        assertThat(created.created()).isTrue();

        keys.upsertValues(created.id(), java.util.Map.of("en", "Maybe", "sv", "Kanske"));
        keys.upsertValues(created.id(), java.util.Map.of("en", "Perhaps"));
        assertThat(keys.find("slice.maybe")).hasValueSatisfying(k -> assertThat(k.values())
                .containsOnly(java.util.Map.entry("en", "Perhaps"), java.util.Map.entry("sv", "Kanske")));
        // the description is kept when an upsert gives none
        assertThat(keys.find("slice.yes")).hasValueSatisfying(k -> assertThat(k.description()).isEqualTo("fixture"));
        assertThat(keys.existing(List.of("slice.yes", "slice.none"))).containsExactly("slice.yes");
    }
}
