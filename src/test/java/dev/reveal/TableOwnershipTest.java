package dev.reveal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One owner per table, in SQL, where the modularity test cannot see. Every string literal and text block under
 * src/main/java is read as SQL (fragments too: a table is only counted when its name is one the migrations create),
 * and so are the migrations' views and functions; each table a statement names is mapped to the area (top-level
 * package, or the view's/function's owner) that issues it. A write (INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE,
 * or a row lock for update) by any area but the owner fails; so does a read of another area's table that is not in
 * {@link #ALLOWED_READS}, and an entry there that no statement needs any more.
 */
class TableOwnershipTest {

    /** Every table, view and sequence the migrations create, with the one area that writes it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "players"),
            Map.entry("sessions", "players"),
            Map.entry("experiment_assignments", "experiments"),
            Map.entry("events", "catalog"),
            Map.entry("event_media", "catalog"),
            Map.entry("markets", "catalog"),
            Map.entry("outcomes", "catalog"),
            Map.entry("media_keys", "catalog"),
            Map.entry("media_url_secrets", "catalog"),
            Map.entry("odds_versions", "odds"),
            Map.entry("outcome_odds", "odds"),
            Map.entry("bet_intents", "betting"),
            Map.entry("settlements", "settlement"),
            // the results read model (WON/LOST/VOID/PENDING), written by nobody: derived from the three tables
            Map.entry("bet_intent_results", "settlement"),
            Map.entry("localization_keys", "localization"),
            Map.entry("localization_values", "localization"),
            Map.entry("analytics_event_types", "analytics"),
            Map.entry("analytics_events", "analytics"),
            Map.entry("analytics_event_attributes", "analytics"),
            Map.entry("audit_logs", "audit"),
            Map.entry("audit_log_attributes", "audit"),
            Map.entry("audit_chain_heads", "audit"),
            Map.entry("rate_limit_buckets", "platform"),
            Map.entry("live_event_seq", "live"),
            // framework tables: Flyway's history, Spring Modulith's event publication registry (when present)
            Map.entry("flyway_schema_history", "platform"),
            Map.entry("event_publication", "platform"),
            Map.entry("event_publication_archive", "platform"));

    /** SQL functions the migrations create, by owner (their bodies are read like the owner's statements). */
    static final Map<String, String> FUNCTION_OWNERS = Map.of(
            "bet_intent_result", "settlement",
            "reveal_audit_is_append_only", "audit");

    /** Tables only the framework creates (no migration names them). */
    static final Set<String> FRAMEWORK_TABLES = Set.of("flyway_schema_history", "event_publication",
            "event_publication_archive");

    /** Reads of another area's table, each with why it is not a call to the owner's API. Key: "area -> table". */
    static final Map<String, String> ALLOWED_READS = Map.ofEntries(
            // settlement: the results read model is defined over the prediction, its market and the settlement
            read("settlement", "bet_intents", "the bet_intent_results view and the standings aggregate predictions set-based"),
            read("settlement", "markets", "results need the market's status (VOID) and event; set-based in the view and the standings"),
            read("settlement", "events", "market stats and standings name the event; settlement views carry the event's status"),
            read("settlement", "outcomes", "the winner is named by outcome code; market stats count per outcome"),
            read("settlement", "users", "leaderboards show the player's external ref (set-based over all players)"),
            // odds: its price rows name catalog outcomes
            read("odds", "outcomes", "a version's prices are listed with their outcome code, in the outcomes' order"),
            // betting's acceptance reads everything it decides on in one share-locked statement (hot path)
            read("betting", "markets", "acceptance decides on the market's status and lock time under its share lock"),
            read("betting", "events", "acceptance decides on the event's status in the same statement"),
            read("betting", "outcomes", "a prediction's outcome must belong to its market"),
            read("betting", "odds_versions", "acceptance compares the seen and the current odds version under a share lock"),
            read("betting", "outcome_odds", "ACCEPT_ODDS=HIGHER compares the seen and the current price"),
            read("betting", "settlements", "history shows each prediction's result (with the bet_intent_result function)"),
            read("betting", "bet_intent_results", "history shows each prediction's result"),
            // catalog
            read("catalog", "bet_intents", "a DRAFT event is not rewritten once predictions refer to it (catalog cannot call betting: betting depends on catalog)"),
            // feed: the players' read model, rebuilt set-based on invalidation (hot path: one query per rebuild)
            read("feed", "events", "the feed is the players' view of open events"),
            read("feed", "event_media", "the feed shows each event's preview media"),
            read("feed", "markets", "the feed shows open markets"),
            read("feed", "outcomes", "the feed shows each market's outcomes"),
            read("feed", "odds_versions", "the feed shows current odds"),
            read("feed", "outcome_odds", "the feed shows current prices"),
            read("feed", "settlements", "an event's detail shows each settled market's winner"),
            // live: a message is read once per instance, by id, for every stream
            read("live", "events", "a locked event's message carries its reveal windows"),
            read("live", "event_media", "a locked event's message carries its reveal media"),
            read("live", "odds_versions", "an odds message carries the new current version"),
            read("live", "outcome_odds", "an odds message carries the new prices"),
            read("live", "outcomes", "an odds message names outcomes by code"),
            read("live", "bet_intent_results", "a result message carries the player's result"),
            read("live", "users", "streams are addressed by the player's external ref"),
            // reports: analysts' set-based queries over the whole history (read from the replica when configured)
            read("reports", "sessions", "experiment cohorts are sessions by variant"),
            read("reports", "bet_intents", "experiment metrics count predictions per cohort"),
            read("reports", "bet_intent_results", "experiment metrics count correct predictions per cohort"),
            read("reports", "analytics_events", "counts and funnels are over analytics events"),
            read("reports", "analytics_event_types", "counts and funnels name event types"),
            // demo content is the demo's own, found by its source ref
            read("demo", "events", "demo reload finds its own open events by source ref"));

    private static Map.Entry<String, String> read(String area, String table, String reason) {
        return Map.entry(area + " -> " + table, reason);
    }

    @Test
    void everyTableHasAnOwnerAndOnlyItWrites() {
        Catalog catalog = Catalog.read();
        assertThat(new TreeSet<>(catalog.tables)).as("tables the migrations create, without a declared owner")
                .allMatch(OWNERS::containsKey);
        Set<String> declaredButMissing = new TreeSet<>(OWNERS.keySet());
        declaredButMissing.removeAll(catalog.tables);
        declaredButMissing.removeAll(FRAMEWORK_TABLES);
        assertThat(declaredButMissing).as("owners declared for tables no migration creates").isEmpty();
        assertThat(new TreeSet<>(catalog.functions)).as("functions without a declared owner").allMatch(FUNCTION_OWNERS::containsKey);

        List<Access> accesses = accesses(catalog);
        List<String> foreignWrites = accesses.stream()
                .filter(a -> a.write && !a.area.equals(OWNERS.get(a.table)))
                .map(Access::toString).distinct().sorted().toList();
        assertThat(foreignWrites).as("writes by an area that does not own the table (see OWNERS)").isEmpty();
    }

    @Test
    void readsAcrossAreasAreTheListedOnes() {
        List<Access> accesses = accesses(Catalog.read());
        Map<String, List<String>> foreignReads = new TreeMap<>();
        accesses.stream().filter(a -> !a.write && !a.area.equals(OWNERS.get(a.table)))
                .forEach(a -> foreignReads.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.where));
        List<String> unlisted = foreignReads.entrySet().stream()
                .filter(e -> !ALLOWED_READS.containsKey(e.getKey()))
                .map(e -> e.getKey() + " at " + new TreeSet<>(e.getValue())).toList();
        assertThat(unlisted).as("reads of another area's table, not listed in ALLOWED_READS with a reason").isEmpty();
        Set<String> stale = new TreeSet<>(ALLOWED_READS.keySet());
        stale.removeAll(foreignReads.keySet());
        assertThat(stale).as("ALLOWED_READS entries no statement needs any more: remove them").isEmpty();
    }

    /** The tokenizer on statements shaped like the ones that matter; each would slip past a naive regex. */
    @Test
    void theScannerSeesWritesInEveryShape() {
        Set<String> known = Set.of("markets", "events", "odds_versions", "outcome_odds", "bet_intents", "sessions");
        assertThat(scan("UPDATE markets m SET status = 'X' FROM (SELECT id FROM events) e WHERE m.id = e.id", known))
                .containsExactlyInAnyOrder("W markets", "R events");
        assertThat(scan("WITH bi AS (INSERT INTO bet_intents (id) VALUES (1) ON CONFLICT DO NOTHING RETURNING *) "
                + "SELECT * FROM bi JOIN sessions s ON s.id = bi.session_id", known))
                .containsExactlyInAnyOrder("W bet_intents", "R sessions");
        assertThat(scan("DELETE FROM outcome_odds WHERE odds_version_id IN (SELECT id FROM odds_versions)", known))
                .containsExactlyInAnyOrder("W outcome_odds", "R odds_versions");
        assertThat(scan("SELECT * FROM markets m JOIN events e ON e.id = m.event_id FOR SHARE OF m", known))
                .containsExactlyInAnyOrder("R markets", "R events");
        assertThat(scan("SELECT * FROM markets m JOIN events e ON e.id = m.event_id FOR NO KEY UPDATE OF m", known))
                .containsExactlyInAnyOrder("R markets", "R events", "W markets");
        assertThat(scan("SELECT status FROM events WHERE id = ? FOR UPDATE", known)).contains("W events");
        assertThat(scan("SELECT a.x FROM markets a, events b WHERE a.id = b.id", known))
                .containsExactlyInAnyOrder("R markets", "R events");
        assertThat(scan("COPY bet_intents (id) FROM STDIN", known)).containsExactly("W bet_intents");
        assertThat(scan("TRUNCATE TABLE sessions, events", known)).containsExactlyInAnyOrder("W sessions", "W events");
        assertThat(scan("SELECT 'DELETE FROM markets' AS text FROM unnest(:ids) AS r(id)", known)).isEmpty();
        assertThat(scan("WITH markets AS (SELECT 1) SELECT * FROM markets", known)).isEmpty();
    }

    // ---- the scanner ----

    record Access(String area, String table, boolean write, String where) {
        String key() {
            return area + " -> " + table;
        }

        @Override
        public String toString() {
            return (write ? "write " : "read ") + key() + " at " + where;
        }
    }

    /** What the migrations create: tables, views, sequences, functions; view and function bodies as statements. */
    record Catalog(Set<String> tables, Set<String> functions, Map<String, String> bodies) {

        private static final Pattern TABLE = Pattern.compile(
                "(?i)create\\s+(?:unlogged\\s+)?(?:table|sequence)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
        private static final Pattern VIEW = Pattern.compile(
                "(?is)create\\s+(?:or\\s+replace\\s+)?(?:materialized\\s+)?view\\s+([a-z_][a-z0-9_]*)\\s+as\\s+(.*?);");
        private static final Pattern FUNCTION = Pattern.compile(
                "(?is)create\\s+(?:or\\s+replace\\s+)?function\\s+([a-z_][a-z0-9_]*)\\s*\\((.*?)(?:\\$\\$\\s*;|\\bend\\s*;)");

        static Catalog read() {
            Set<String> tables = new HashSet<>();
            Set<String> functions = new HashSet<>();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (Path file : files(Path.of("src/main/resources/db/migration"), ".sql")) {
                String sql = stripSqlComments(readString(file));
                Matcher t = TABLE.matcher(sql);
                while (t.find()) {
                    tables.add(t.group(1).toLowerCase(Locale.ROOT));
                }
                Matcher v = VIEW.matcher(sql);
                while (v.find()) {
                    String name = v.group(1).toLowerCase(Locale.ROOT);
                    tables.add(name);
                    bodies.put("view " + name + " (" + file.getFileName() + ")", v.group(2));
                }
                Matcher f = FUNCTION.matcher(sql);
                while (f.find()) {
                    String name = f.group(1).toLowerCase(Locale.ROOT);
                    functions.add(name);
                    bodies.put("function " + name + " (" + file.getFileName() + ")", f.group(2));
                }
            }
            return new Catalog(tables, functions, bodies);
        }

        String ownerOf(String body) {
            String name = body.split(" ")[1];
            return body.startsWith("view ") ? OWNERS.get(name) : FUNCTION_OWNERS.get(name);
        }
    }

    static List<Access> accesses(Catalog catalog) {
        Set<String> known = new HashSet<>(catalog.tables);
        known.addAll(FRAMEWORK_TABLES);
        List<Access> accesses = new ArrayList<>();
        Path root = Path.of("src/main/java/dev/reveal");
        for (Path file : files(root, ".java")) {
            Path relative = root.relativize(file);
            String area = relative.getNameCount() > 1 ? relative.getName(0).toString() : "app";
            for (Literal literal : literals(readString(file))) {
                for (String found : scan(literal.text, known)) {
                    accesses.add(new Access(area, found.substring(2), found.startsWith("W"),
                            relative + ":" + literal.line));
                }
            }
        }
        catalog.bodies.forEach((name, body) -> {
            String owner = catalog.ownerOf(name);
            for (String found : scan(body, known)) {
                accesses.add(new Access(owner == null ? "?" : owner, found.substring(2), found.startsWith("W"), name));
            }
        });
        return accesses;
    }

    private static final Set<String> NOT_ALIASES = Set.of("where", "join", "inner", "left", "right", "full", "cross",
            "on", "using", "order", "group", "limit", "for", "set", "returning", "values", "select", "natural",
            "lateral", "union", "except", "intersect", "having", "window", "offset", "fetch", "default", "as", "from",
            "and", "or", "not", "when", "then", "else", "end", "with", "do", "is", "in", "to", "skip", "nowait", "into");

    /** "R table" / "W table" for each known table the text reads or writes; CTE names shadow tables. */
    static Set<String> scan(String sql, Set<String> known) {
        List<String> tokens = tokens(sql);
        Set<String> ctes = new HashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            boolean startsCte = i == 0 || tokens.get(i - 1).equals("with") || tokens.get(i - 1).equals(",")
                    || tokens.get(i - 1).equals("recursive");
            if (startsCte && tokens.get(i + 1).equals("as")
                    && (tokens.get(i + 2).equals("(") || tokens.get(i + 2).equals("materialized")
                    || tokens.get(i + 2).equals("not"))) {
                ctes.add(tokens.get(i));
            }
        }
        Set<String> found = new java.util.LinkedHashSet<>();
        Map<String, String> aliases = new HashMap<>();
        List<String> readTables = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String prev = i > 0 ? tokens.get(i - 1) : "";
            switch (t) {
                case "from", "join" -> {
                    if (prev.equals("delete")) {
                        table(tokens, i + 1, known, ctes).ifPresent(n -> found.add("W " + n));
                        break;
                    }
                    // a list of tables: FROM a x, b y
                    int j = i + 1;
                    while (j < tokens.size()) {
                        if (tokens.get(j).equals("only")) {
                            j++;
                        }
                        String name = j < tokens.size() ? tokens.get(j) : "";
                        boolean function = j + 1 < tokens.size() && tokens.get(j + 1).equals("(");
                        if (!function && isTable(name, known, ctes)) {
                            String table = bare(name);
                            found.add("R " + table);
                            readTables.add(table);
                            aliases.put(table, table);
                            int k = j + 1;
                            if (k < tokens.size() && tokens.get(k).equals("as")) {
                                k++;
                            }
                            if (k < tokens.size() && isWord(tokens.get(k)) && !NOT_ALIASES.contains(tokens.get(k))) {
                                aliases.put(tokens.get(k), table);
                                k++;
                            }
                            j = k;
                        } else {
                            break;
                        }
                        if (t.equals("from") && j < tokens.size() && tokens.get(j).equals(",")) {
                            j++;
                        } else {
                            break;
                        }
                    }
                }
                case "into" -> {
                    if (prev.equals("insert") || prev.equals("merge")) {
                        table(tokens, i + 1, known, ctes).ifPresent(n -> found.add("W " + n));
                    }
                }
                case "update" -> {
                    // FOR UPDATE / FOR NO KEY UPDATE lock rows for writing; DO UPDATE writes the INSERT's table
                    if (prev.equals("for") || prev.equals("key")) {
                        List<String> locked = new ArrayList<>();
                        if (i + 1 < tokens.size() && tokens.get(i + 1).equals("of")) {
                            for (int k = i + 2; k < tokens.size() && isWord(tokens.get(k)); k += 2) {
                                locked.add(aliases.getOrDefault(tokens.get(k), tokens.get(k)));
                                if (k + 1 >= tokens.size() || !tokens.get(k + 1).equals(",")) {
                                    break;
                                }
                            }
                        } else {
                            locked.addAll(readTables);
                        }
                        locked.stream().filter(known::contains).forEach(n -> found.add("W " + n));
                    } else if (!prev.equals("do") && !prev.equals("on")) {
                        table(tokens, i + 1, known, ctes).ifPresent(n -> found.add("W " + n));
                    }
                }
                case "copy" -> table(tokens, i + 1, known, ctes).ifPresent(n -> found.add("W " + n));
                case "truncate" -> {
                    int j = i + 1;
                    if (j < tokens.size() && tokens.get(j).equals("table")) {
                        j++;
                    }
                    while (j < tokens.size() && isTable(tokens.get(j), known, ctes)) {
                        found.add("W " + bare(tokens.get(j)));
                        if (j + 1 < tokens.size() && tokens.get(j + 1).equals(",")) {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return found;
    }

    private static java.util.Optional<String> table(List<String> tokens, int i, Set<String> known, Set<String> ctes) {
        if (i < tokens.size() && tokens.get(i).equals("only")) {
            i++;
        }
        return i < tokens.size() && isTable(tokens.get(i), known, ctes)
                ? java.util.Optional.of(bare(tokens.get(i))) : java.util.Optional.empty();
    }

    private static boolean isTable(String token, Set<String> known, Set<String> ctes) {
        return !ctes.contains(token) && known.contains(bare(token));
    }

    private static String bare(String name) {
        return name.startsWith("public.") ? name.substring("public.".length()) : name;
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }

    /** Lower-cased words (with dots), and ( ) , as tokens; quoted strings, parameters and numbers dropped. */
    static List<String> tokens(String sql) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < sql.length() && !(sql.charAt(end) == '\'' && (end + 1 >= sql.length() || sql.charAt(end + 1) != '\''))) {
                    end += sql.charAt(end) == '\'' ? 2 : 1;
                }
                i = end + 1;
            } else if (c == '"') {
                int end = sql.indexOf('"', i + 1);
                String word = end < 0 ? "" : sql.substring(i + 1, end);
                tokens.add(word.toLowerCase(Locale.ROOT));
                i = end < 0 ? sql.length() : end + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '.')) {
                    end++;
                }
                boolean parameter = i > 0 && sql.charAt(i - 1) == ':' && (i < 2 || sql.charAt(i - 2) != ':');
                if (!parameter) {
                    tokens.add(sql.substring(i, end).toLowerCase(Locale.ROOT));
                }
                i = end;
            } else if (c == '(' || c == ')' || c == ',') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                i++;
            }
        }
        return tokens;
    }

    record Literal(String text, int line) {
    }

    /** Java string literals and text blocks (escapes resolved as far as SQL needs), outside comments. */
    static List<Literal> literals(String java) {
        List<Literal> literals = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i);
                i = i < 0 ? java.length() : i;
            } else if (java.startsWith("/*", i)) {
                int end = java.indexOf("*/", i + 2);
                end = end < 0 ? java.length() : end + 2;
                line += count(java.substring(i, end));
                i = end;
            } else if (c == '\'') {
                i = java.charAt(i + 1) == '\\' ? java.indexOf('\'', i + 3) + 1 : i + 3;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                while (java.charAt(end - 1) == '\\') {
                    end = java.indexOf("\"\"\"", end + 1);
                }
                literals.add(new Literal(unescape(java.substring(i + 3, end)), line));
                line += count(java.substring(i, end));
                i = end + 3;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                int j = i + 1;
                while (java.charAt(j) != '"') {
                    if (java.charAt(j) == '\\') {
                        char e = java.charAt(j + 1);
                        s.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 's' ? ' ' : e);
                        j += 2;
                    } else {
                        s.append(java.charAt(j++));
                    }
                }
                literals.add(new Literal(s.toString(), line));
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static String unescape(String s) {
        return s.replace("\\s", " ").replace("\\n", "\n").replace("\\\n", " ");
    }

    private static int count(String s) {
        return (int) s.chars().filter(ch -> ch == '\n').count();
    }

    private static String stripSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", " ");
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
