package dev.berth.kubernetes.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BerthLabelsTest {

    @Test
    void dnsName_keepsAValidNameAndChangesOthersWithAHash() {
        assertThat(BerthLabels.dnsName("web-1", 63)).isEqualTo("web-1");
        assertThat(BerthLabels.dnsName("Web_API", 63)).matches("web-api-[0-9a-f]{8}");
        assertThat(BerthLabels.dnsName("Web_API", 63)).isNotEqualTo(BerthLabels.dnsName("web_api", 63));
    }

    @Property
    void dnsName_isAlwaysAValidLabelOfTheLength(@ForAll @StringLength(min = 1, max = 255) String name) {
        String dns = BerthLabels.dnsName(name, 46);

        assertThat(dns.length()).isLessThanOrEqualTo(46);
        assertThat(BerthLabels.isDnsLabel(dns)).as("'%s' from '%s'", dns, name).isTrue();
    }

    @Property
    void labelValue_isAlwaysAValidLabelValue(@ForAll @StringLength(max = 300) String value) {
        String label = BerthLabels.labelValue(value);

        assertThat(label.length()).isLessThanOrEqualTo(63);
        assertThat(label).matches("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    }
}
