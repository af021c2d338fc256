package io.quizplatform.platform.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void trustsExactAddressesAndIpv4Ranges() {
        assertThat(ClientAddress.matches("127.0.0.1", "127.0.0.1")).isTrue();
        assertThat(ClientAddress.matches("127.0.0.1", "127.0.0.2")).isFalse();
        assertThat(ClientAddress.matches("10.42.0.0/16", "10.42.7.9")).isTrue();
        assertThat(ClientAddress.matches("10.42.0.0/16", "10.43.0.1")).isFalse();
        assertThat(ClientAddress.matches("0.0.0.0/0", "192.168.1.1")).isTrue();
        assertThat(ClientAddress.matches("10.0.0.0/33", "10.0.0.1")).isFalse();
        assertThat(ClientAddress.matches("10.0.0.0/8", "::1")).isFalse();
        assertThat(ClientAddress.matches("10.0.0.0/x", "10.0.0.1")).isFalse();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(ClientAddress.subscriber("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.subscriber("2001:0db8:0001:0002::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.subscriber("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientAddress.subscriber("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddress.subscriber("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.subscriber("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.subscriber("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }
}
