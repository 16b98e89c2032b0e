package dev.reveal.reliability;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The operations the running service documents at {@code /v3/api-docs}: what the authorization matrix and the
 * fuzzer iterate, so an endpoint added later is covered without touching these tests.
 */
record OpenApiOperations(JsonNode document, List<Op> all) {

    record Param(String name, String in, JsonNode schema, boolean required) {
    }

    record Op(String method, String path, List<Param> params, JsonNode bodySchema) {

        String key() {
            return method + " " + path;
        }

        boolean hasBody() {
            return bodySchema != null;
        }

        boolean takesInput() {
            return hasBody() || !params.isEmpty();
        }

        List<String> pathVariables() {
            return params.stream().filter(p -> p.in().equals("path")).map(Param::name).toList();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static OpenApiOperations of(JsonNode document) {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode op = operation.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : iterable(op.get("parameters"))) {
                    params.add(new Param(p.get("name").asString(), p.get("in").asString(), p.get("schema"),
                            p.has("required") && p.get("required").asBoolean()));
                }
                JsonNode body = Optional.ofNullable(op.get("requestBody")).map(b -> b.get("content"))
                        .map(c -> c.has("application/json") ? c.get("application/json") : c.properties().iterator().next().getValue())
                        .map(c -> c.get("schema")).orElse(null);
                ops.add(new Op(method, path.getKey(), List.copyOf(params), body));
            }
        }
        return new OpenApiOperations(document, List.copyOf(ops));
    }

    /** A schema with its {@code $ref} followed into {@code components/schemas}. */
    JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; current != null && current.has("$ref") && i < 10; i++) {
            String ref = current.get("$ref").asString();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    private static Iterable<JsonNode> iterable(JsonNode array) {
        if (array == null) {
            return List.of();
        }
        Iterator<JsonNode> it = array.iterator();
        return () -> it;
    }
}
