package dev.reveal.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The run's table (markdown, as the README shows it), its target lines and the same as JSON. */
final class Report {

    record Entry(String scenario, String load, double opsPerSecond, double rowsPerSecond, double p50, double p99,
                 double p999, long errors, String vs, String target, Cpu.Usage cpu, double rssMb) {
    }

    record Verdict(String target, String measured, boolean met) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<Verdict> verdicts = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<Ladder.Measured> ladders = new ArrayList<>();

    void add(Entry e) {
        entries.add(e);
    }

    void saturation(Load.Result r, String vs, String target, double rssMb) {
        add(new Entry(r.name(), "closed, " + r.clients() + " clients", r.opsPerSecond(), r.rowsPerSecond(),
                r.percentileMillis(50), r.percentileMillis(99), r.percentileMillis(99.9), r.errors(), vs, target, r.cpu(),
                rssMb));
    }

    /** The closed-loop row and the highest sustainable open-model step of one measured side. */
    void measured(Ladder.Measured m, int connections, double p99Bound, String vs, String target, double rssMb) {
        ladders.add(m);
        saturation(m.saturation(), "", "", rssMb);
        OpenLoad.Step s = m.best();
        if (s == null) {
            add(new Entry(m.name(), "open: no sustainable rate", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, vs, target, Cpu.Usage.UNKNOWN, rssMb));
            return;
        }
        add(new Entry(m.name(), String.format(Locale.ROOT, "open, %d conns, max rate at p99 <= %.0f ms", connections, p99Bound),
                s.achievedPerSecond(), s.rowsPerSecond(), s.p(50), s.p(99), s.p(99.9), s.errors(), vs, target, s.cpu(),
                rssMb));
    }

    void verdict(String target, String measured, boolean met) {
        verdicts.add(new Verdict(target, measured, met));
        System.out.printf("  target %s: %s -> %s%n", target, measured, met ? "met" : "NOT met");
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  " + note);
    }

    String table() {
        StringBuilder t = new StringBuilder();
        t.append("\n| scenario | load | req/s | rows/s | p50 ms | p99 ms | p99.9 ms | errors | vs yardstick | target | cores service / postgres / driver | RSS MB |\n");
        t.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |\n");
        for (Entry e : entries) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %.0f |%n", e.scenario(),
                    e.load(), num(e.opsPerSecond(), 0), num(e.rowsPerSecond(), 0), num(e.p50(), 2), num(e.p99(), 2),
                    num(e.p999(), 2), e.errors(), e.vs() == null ? "" : e.vs(), e.target() == null ? "" : e.target(),
                    Double.isNaN(e.cpu().service()) ? "" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f", e.cpu().service(),
                            e.cpu().postgres(), e.cpu().driver()), e.rssMb()));
        }
        if (!verdicts.isEmpty()) {
            t.append("\n| target | measured | met |\n| --- | --- | --- |\n");
            verdicts.forEach(v -> t.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ")
                    .append(v.met() ? "yes" : "**no**").append(" |\n"));
        }
        if (!notes.isEmpty()) {
            t.append('\n');
            notes.forEach(n -> t.append("- ").append(n).append('\n'));
        }
        return t.toString();
    }

    String json(Map<String, Object> header) {
        StringBuilder j = new StringBuilder("{\n");
        header.forEach((k, v) -> j.append("  ").append(q(k)).append(": ").append(value(v)).append(",\n"));
        j.append("  \"entries\": [\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("scenario", e.scenario());
            f.put("load", e.load());
            f.put("requestsPerSecond", e.opsPerSecond());
            f.put("rowsPerSecond", e.rowsPerSecond());
            f.put("p50Ms", e.p50());
            f.put("p99Ms", e.p99());
            f.put("p999Ms", e.p999());
            f.put("errors", e.errors());
            f.put("vs", e.vs());
            f.put("target", e.target());
            f.put("coresService", e.cpu().service());
            f.put("coresPostgres", e.cpu().postgres());
            f.put("coresDriver", e.cpu().driver());
            f.put("coresMachine", e.cpu().machine());
            f.put("rssMb", e.rssMb());
            j.append("    ").append(object(f)).append(i == entries.size() - 1 ? "\n" : ",\n");
        }
        j.append("  ],\n  \"ladders\": [\n");
        for (int i = 0; i < ladders.size(); i++) {
            Ladder.Measured m = ladders.get(i);
            List<String> steps = new ArrayList<>();
            for (OpenLoad.Step s : m.steps()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("targetPerSecond", s.targetPerSecond());
                f.put("achievedPerSecond", s.achievedPerSecond());
                f.put("rowsPerSecond", s.rowsPerSecond());
                f.put("p50Ms", s.p(50));
                f.put("p99Ms", s.p(99));
                f.put("p999Ms", s.p(99.9));
                f.put("maxMs", s.p(100));
                f.put("errors", s.errors());
                f.put("coresService", s.cpu().service());
                f.put("coresPostgres", s.cpu().postgres());
                f.put("coresDriver", s.cpu().driver());
                f.put("coresMachine", s.cpu().machine());
                steps.add(object(f));
            }
            j.append("    {\"name\": ").append(q(m.name())).append(", \"steps\": [\n      ")
                    .append(String.join(",\n      ", steps)).append("]}").append(i == ladders.size() - 1 ? "\n" : ",\n");
        }
        j.append("  ],\n  \"targets\": [\n");
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            j.append("    {\"target\": ").append(q(v.target())).append(", \"measured\": ").append(q(v.measured()))
                    .append(", \"met\": ").append(v.met()).append(i == verdicts.size() - 1 ? "}\n" : "},\n");
        }
        j.append("  ],\n  \"notes\": [").append(String.join(", ", notes.stream().map(Report::q).toList())).append("]\n}\n");
        return j.toString();
    }

    private static String object(Map<String, Object> f) {
        return "{" + String.join(", ", f.entrySet().stream().map(e -> q(e.getKey()) + ": " + value(e.getValue())).toList())
                + "}";
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) || Double.isInfinite(d) ? "null" : String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return q(v.toString());
    }

    private static String num(double d, int decimals) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", d);
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
