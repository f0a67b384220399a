package io.nodescope.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BindAddressTest {

    /** Dotted quads are told from their text; every answer is the JDK's parser's. */
    @Test
    void tellsIpAddressesAsTheJdkDoes() {
        for (String host : List.of("127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.2.3", "256.0.0.1", "1.2.3.999", "1.2.3",
                "127.1", "1.2.3.4.5", "01.2.3.4", "1..3.4", "1.2.3.", ".1.2.3", "a.b.c.d", "1.2.3.-4", "+1.2.3.4", "::1",
                "fe80::1", "::ffff:127.0.0.1", "example.org", "localhost", "", "1.2.3.4 ")) {
            assertEquals(BindAddress.isIpForTheJdk(host), BindAddress.isIpLiteral(host), host);
        }
    }
}
