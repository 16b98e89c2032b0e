package dev.reveal.platform.web;

import dev.reveal.platform.Instants;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every instant a client sends (query parameters and JSON bodies) is checked against what the database stores where it
 * is parsed ({@link Instants}): a year-1,000,000,000 instant is a 400 {@code INVALID_TIMESTAMP}, not a failed
 * statement.
 */
@Configuration(proxyBeanMethods = false)
class InstantInputs implements WebMvcConfigurer {

    /** Registered after Spring's own, so it wins for {@code @RequestParam Instant} with or without {@code @DateTimeFormat}. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) {
                return Instants.parse(text.trim(), "instant");
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return instant.toString();
            }
        });
    }

    @Bean
    JacksonModule storableInstants() {
        return new SimpleModule("storable-instants").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(tools.jackson.databind.DeserializationConfig config,
                    tools.jackson.databind.BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
                return description.getBeanClass() == Instant.class ? new Storable(deserializer) : deserializer;
            }
        });
    }

    private static final class Storable extends DelegatingDeserializer {

        Storable(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Storable(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            String field = p.currentName() != null ? p.currentName() : "instant";
            return Instants.storable((Instant) super.deserialize(p, ctxt), field);
        }
    }
}
