package dev.berth.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Task cpu and memory strings in every form ECS accepts convert to exactly the integer ECS registers. */
class EcsSizesProperties {

    private static OptionalInt cpu(String text) {
        return EcsSizes.cpuUnits(text).map(EcsSizes::exactInt).orElse(OptionalInt.empty());
    }

    private static OptionalInt memory(String text) {
        return EcsSizes.memoryMiB(text).map(EcsSizes::exactInt).orElse(OptionalInt.empty());
    }

    /** @return {@code n / divisor} as the shortest decimal text, e.g. 0.25, 1.5, 16 */
    private static String decimal(int n, int divisor) {
        return BigDecimal.valueOf(n).divide(BigDecimal.valueOf(divisor)).stripTrailingZeros().toPlainString();
    }

    @Provide
    Arbitrary<String> vcpuUnit() {
        return Arbitraries.of("vCPU", "vcpu", "VCPU", "Vcpu");
    }

    @Provide
    Arbitrary<String> gbUnit() {
        return Arbitraries.of("GB", "gb", "Gb");
    }

    @Provide
    Arbitrary<String> separator() {
        return Arbitraries.of("", " ", "  ");
    }

    @Property
    void cpuUnits_whenPlainUnits_parsesToThem(@ForAll @IntRange(min = 0, max = 196_608) int units) {
        assertThat(cpu(Integer.toString(units))).hasValue(units);
    }

    @Property
    void cpuUnits_whenQuarterVcpus_isVcpusTimes1024(@ForAll @IntRange(min = 1, max = 768) int quarters,
                                                   @ForAll("separator") String separator,
                                                   @ForAll("vcpuUnit") String unit) {
        String text = decimal(quarters, 4) + separator + unit;

        assertThat(cpu(text)).as(text).hasValue(quarters * 256);
    }

    @Property
    void cpuUnits_whenThousandthsOfVcpus_isWholeExactlyWhenTheUnitsAre(
            @ForAll @IntRange(min = 1, max = 192_000) int thousandths, @ForAll("vcpuUnit") String unit) {
        String text = decimal(thousandths, 1000) + " " + unit;
        long scaled = thousandths * 1024L;

        OptionalInt parsed = cpu(text);

        if (scaled % 1000 == 0) {
            assertThat(parsed).as(text).hasValue((int) (scaled / 1000));
        } else {
            assertThat(parsed).as(text).isEmpty();
            assertThat(EcsSizes.cpuUnits(text).orElseThrow()).as(text)
                    .isEqualByComparingTo(BigDecimal.valueOf(scaled).divide(BigDecimal.valueOf(1000)));
        }
    }

    @Property
    void memoryMiB_whenPlainMiB_parsesToThem(@ForAll @IntRange(min = 0, max = 1_000_000) int mib) {
        assertThat(memory(Integer.toString(mib))).hasValue(mib);
    }

    @Property
    void memoryMiB_whenEighthsOfGb_isGbTimes1024(@ForAll @IntRange(min = 1, max = 960) int eighths,
                                                 @ForAll("separator") String separator,
                                                 @ForAll("gbUnit") String unit) {
        String text = decimal(eighths, 8) + separator + unit;

        assertThat(memory(text)).as(text).hasValue(eighths * 128);
    }

    @Property
    void sizes_whenUnitBelongsToTheOtherField_areRejected(@ForAll @IntRange(min = 1, max = 64) int amount) {
        assertThat(EcsSizes.cpuUnits(amount + " GB")).isEmpty();
        assertThat(EcsSizes.memoryMiB(amount + " vCPU")).isEmpty();
    }

    @Property
    void sizes_whenTooLargeForAnInt_haveNoExactInt(@ForAll @IntRange(min = 2_097_152, max = 100_000_000) int vcpus) {
        Assume.that((long) vcpus * 1024 > Integer.MAX_VALUE);

        assertThat(cpu(vcpus + " vCPU")).isEmpty();
    }
}
