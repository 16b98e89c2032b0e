package dev.reveal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.reveal.support.IntegrationTest;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The embedded default listens on loopback only (issue 13: `./mvnw spring-boot:run` served every interface, and with
 * the demo on it minted operator tokens for anyone on the network).
 */
class LoopbackByDefaultTest extends IntegrationTest {

    @Test
    void theEmbeddedDefaultIsReachableOnLoopbackOnly() throws Exception {
        try (Socket local = new Socket()) {
            local.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            assertThat(local.isConnected()).isTrue();
        }
        Optional<InetAddress> lan = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address to try");
        assertThatThrownBy(() -> {
            try (Socket remote = new Socket()) {
                remote.connect(new InetSocketAddress(lan.get(), port), 2_000);
            }
        }).as("connecting on %s", lan.get()).isInstanceOf(ConnectException.class);
    }
}
