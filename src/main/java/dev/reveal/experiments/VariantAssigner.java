package dev.reveal.experiments;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Maps a user to a variant by hashing {@code salt + ":" + userId} (SHA-256, first 8 bytes as an unsigned number)
 * onto the cumulative weights. Pure and deterministic: the same user, salt and weights give the same variant on
 * every instance and every restart, and changing the salt reshuffles everyone independently of earlier runs.
 */
public final class VariantAssigner {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final String salt;
    private final List<Weighted> variants;
    private final long totalWeight;

    public record Weighted(String name, int weight) {
    }

    public VariantAssigner(String salt, List<Weighted> variants) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("at least one experiment variant is required");
        }
        long total = 0;
        for (Weighted v : variants) {
            if (!NAME.matcher(v.name()).matches()) {
                throw new IllegalArgumentException("variant name must match " + NAME + ": " + v.name());
            }
            if (v.weight() < 0) {
                throw new IllegalArgumentException("variant weight must not be negative: " + v);
            }
            total += v.weight();
        }
        if (total <= 0) {
            throw new IllegalArgumentException("variant weights must add up to more than zero");
        }
        this.salt = salt;
        this.variants = List.copyOf(variants);
        this.totalWeight = total;
    }

    /** Parses {@code control:50,b:50}; a name without a weight counts 1; the same name twice is an error. */
    public static List<Weighted> parse(String spec) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            String name = colon < 0 ? item : item.substring(0, colon).trim();
            int weight;
            try {
                weight = colon < 0 ? 1 : Integer.parseInt(item.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad variant weight in '" + item + "'");
            }
            if (byName.put(name, weight) != null) {
                throw new IllegalArgumentException("variant listed twice: " + name);
            }
        }
        List<Weighted> result = new ArrayList<>();
        byName.forEach((name, weight) -> result.add(new Weighted(name, weight)));
        return result;
    }

    public String variantFor(UUID userId) {
        long bucket = Long.remainderUnsigned(hash(userId), totalWeight);
        long upper = 0;
        for (Weighted v : variants) {
            upper += v.weight();
            if (bucket < upper) {
                return v.name();
            }
        }
        throw new IllegalStateException("unreachable: bucket " + bucket + " beyond total " + totalWeight);
    }

    public List<Weighted> variants() {
        return variants;
    }

    private long hash(UUID userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + userId).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
