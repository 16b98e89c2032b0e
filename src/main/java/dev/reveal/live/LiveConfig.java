package dev.reveal.live;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** The live area's settings, and the heartbeat every stream gets every {@code reveal.live.heartbeat}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LiveProperties.class, StreamConnectorConfig.SocketBuffers.class})
class LiveConfig implements SchedulingConfigurer {

    private final LiveHub hub;
    private final LiveProperties properties;

    LiveConfig(LiveHub hub, LiveProperties properties) {
        this.hub = hub;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(hub::heartbeat, properties.heartbeat());
    }
}
