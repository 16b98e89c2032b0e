package dev.reveal.experiments;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExperimentsProperties.class)
class ExperimentsConfig {
}
