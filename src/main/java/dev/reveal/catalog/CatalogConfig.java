package dev.reveal.catalog;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LifecycleProperties.class, MediaProperties.class})
class CatalogConfig {
}
