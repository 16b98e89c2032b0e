package dev.reveal.reliability;

import dev.reveal.support.Gen;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Generators of hostile input: JSON of any shape, values of the wrong type, missing and extra fields, huge and
 * unicode strings, numbers out of range, SQL-looking text, and schema-shaped objects (from the OpenAPI document)
 * with some of their fields broken. Values are drawn from one seeded {@link Gen}, so a failure names its seed.
 */
final class JsonFuzz {

    static final List<String> SQL = List.of("' OR '1'='1", "'; DROP TABLE bet_intents; --", "1; SELECT pg_sleep(10)--",
            "\" OR \"\"=\"", "' UNION SELECT external_ref FROM users --", "%' AND 1=1 --", "1)) OR ((1=1",
            "'); DELETE FROM sessions; --", "$$; COMMIT; DROP SCHEMA public CASCADE; --", "\\'; SELECT 1; --");
    static final List<String> ODD = List.of("", " ", "\u0000", "a\u0000b", "null", "true", "-1", "0", "1e400", "NaN",
            "\uD83D\uDE00\uD83C\uDFC6", "\u202Eevil", "ÅÄÖ åäö", "Ω≈ç√∫", "ﷺ", "\t\n\r", "{\"a\":1}", "[1,2]",
            "../../etc/passwd", "<script>alert(1)</script>", "%00", "${jndi:ldap://x/a}", "\\", "\"",
            "2026-13-45T25:61:61Z", "00000000-0000-0000-0000-000000000000", "not-a-uuid", "YES", "en", "sv-SE");
    static final List<Object> NUMBERS = List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, new BigInteger("123456789012345678901234567890"), new BigDecimal("1e308"),
            new BigDecimal("-1e308"), new BigDecimal("0.000000000000000000001"), 0.5, -0.0, 1.0000000001,
            new BigDecimal("99999999999999999999.99"), 201, 1000, 5000);

    private final Gen gen;
    private final OpenApiOperations doc;
    private final List<UUID> knownIds;

    JsonFuzz(long seed, OpenApiOperations doc, List<UUID> knownIds) {
        this.gen = new Gen(seed);
        this.doc = doc;
        this.knownIds = knownIds;
    }

    Gen gen() {
        return gen;
    }

    boolean chance(double p) {
        return gen.chance(p);
    }

    String string() {
        return gen.frequency(
                4, (Supplier<String>) () -> gen.anyString(0, 40),
                3, (Supplier<String>) () -> gen.oneOf(SQL),
                3, (Supplier<String>) () -> gen.oneOf(ODD),
                1, (Supplier<String>) () -> gen.string('a', 'z', 2_000, 60_000),
                1, (Supplier<String>) () -> gen.stringOf("\u0000\u0001\u007f\uFFFE'\";-%_\\/ é€😀", 0, 300));
    }

    /** Short strings for query parameters and path segments (a URL stays well under the header limit). */
    String shortString() {
        return gen.frequency(
                3, (Supplier<String>) () -> gen.anyString(0, 30),
                3, (Supplier<String>) () -> gen.oneOf(SQL),
                3, (Supplier<String>) () -> gen.oneOf(ODD),
                2, (Supplier<String>) () -> String.valueOf(gen.oneOf(NUMBERS)),
                1, (Supplier<String>) () -> gen.string('a', 'z', 300, 1_500));
    }

    Object number() {
        return gen.frequency(
                3, (Supplier<Object>) () -> gen.oneOf(NUMBERS),
                1, (Supplier<Object>) gen::anyInt,
                1, (Supplier<Object>) this::finiteDouble);
    }

    private double finiteDouble() {
        double d = gen.anyDouble();
        return Double.isFinite(d) ? d : 0.25;
    }

    /** Any JSON value, nested a few levels. */
    Object anyJson(int depth) {
        int pick = gen.nextInt(depth > 0 ? 11 : 7);
        if (pick < 1) {
            return null;
        }
        if (pick < 2) {
            return gen.bool();
        }
        if (pick < 4) {
            return number();
        }
        if (pick < 7) {
            return string();
        }
        if (pick < 9) {
            return gen.list(4, () -> anyJson(depth - 1));
        }
        return gen.map(4, this::string, () -> anyJson(depth - 1));
    }

    /** A value shaped like the schema most of the time, otherwise anything. */
    Object value(JsonNode schema, int depth) {
        if (chance(0.2)) {
            return (anyJson(1));
        }
        JsonNode s = doc.resolve(schema);
        if (s == null) {
            return (anyJson(1));
        }
        String type = text(s, "type");
        if (s.has("enum") && chance(0.7)) {
            List<String> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(v.asString()));
            return values.get(gen.nextInt(values.size()));
        }
        if (type == null && s.has("properties")) {
            type = "object";
        }
        if (type == null) {
            return (anyJson(1));
        }
        return switch (type) {
            case "object" -> object(s, depth);
            case "array" -> array(s, depth);
            case "integer", "number" -> chance(0.3) ? gen.nextInt(100) : number();
            case "boolean" -> chance(0.8) ? gen.bool() : (anyJson(0));
            default -> string(s);
        };
    }

    Map<String, Object> object(JsonNode schema, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonNode props = schema.get("properties");
        if (props != null && depth < 4) {
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                if (chance(0.85)) {
                    out.put(p.getKey(), value(p.getValue(), depth + 1));
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        if (additional != null && additional.isObject() && chance(0.7)) {
            int n = gen.nextInt(chance(0.05) ? 80 : 4);
            for (int i = 0; i < n; i++) {
                out.put(string(), value(additional, depth + 1));
            }
        }
        if (chance(0.2)) {
            out.put(shortString(), (anyJson(1)));
        }
        return out;
    }

    List<Object> array(JsonNode schema, int depth) {
        List<Object> out = new ArrayList<>();
        int n = chance(0.05) ? 501 + gen.nextInt(100) : gen.nextInt(4);
        JsonNode items = schema.get("items");
        for (int i = 0; i < n; i++) {
            out.add(items == null || depth >= 4 || n > 50 ? (anyJson(0)) : value(items, depth + 1));
        }
        return out;
    }

    String string(JsonNode schema) {
        String format = text(schema, "format");
        if ("uuid".equals(format) && chance(0.7)) {
            return chance(0.6) && !knownIds.isEmpty() ? knownIds.get(gen.nextInt(knownIds.size())).toString()
                    : UUID.randomUUID().toString();
        }
        if ("date-time".equals(format) && chance(0.6)) {
            return gen.oneOf("2026-01-01T00:00:00Z", java.time.Instant.now().toString(), "1970-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                    "2026-02-30T00:00:00Z", "2026-01-01T00:00:00+25:00", "2026-01-01", "1700000000");
        }
        return string();
    }

    /** A known-good body with one field replaced, removed, or a field added. */
    Map<String, Object> mutate(Map<String, Object> valid, JsonNode schema) {
        Map<String, Object> out = new LinkedHashMap<>(valid);
        List<String> keys = new ArrayList<>(out.keySet());
        String key = keys.get(gen.nextInt(keys.size()));
        JsonNode props = doc.resolve(schema) == null ? null : doc.resolve(schema).get("properties");
        switch (gen.nextInt(3)) {
            case 0 -> out.remove(key);
            case 1 -> out.put(key, props != null && props.has(key) && chance(0.5) ? value(props.get(key), 1) : (anyJson(1)));
            default -> out.put(shortString(), (anyJson(1)));
        }
        return out;
    }

    /** Bodies that are not JSON, or not whole. */
    String garbage() {
        return gen.chance(2 / 3.0) ? gen.anyString(0, 200) : gen.oneOf("{", "}", "[", "{\"a\":", "{\"a\":1,}", "{'a':1}",
                "nul", "{\"a\":\"\\uZZZZ\"}", "\uFEFF{}", "{\"a\":1}{\"b\":2}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
                "{\"a\":01}", "{\"a\":1e999999}", "{\"a\":-}", "\"just a string\"", "123", "true");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
