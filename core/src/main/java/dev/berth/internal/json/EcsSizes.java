package dev.berth.internal.json;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level {@code cpu} and {@code memory} as ECS accepts them in a task definition: a number of CPU units or MiB,
 * or a string such as {@code "256"}, {@code "1 vCPU"}, {@code "0.5 vCPU"}, {@code "2 GB"} or {@code "0.5GB"}.
 * ECS converts vCPUs to units (1 vCPU = 1,024 units) and GB to MiB (1 GB = 1,024 MiB) at registration.
 * Units are case-insensitive and may be separated from the number by spaces.
 */
public final class EcsSizes {

    private static final BigDecimal PER_UNIT = BigDecimal.valueOf(1024);
    private static final Pattern CPU = Pattern.compile("([+-]?[0-9]+(?:\\.[0-9]+)?) *(vcpu)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMORY = Pattern.compile("([+-]?[0-9]+(?:\\.[0-9]+)?) *(gb)?",
            Pattern.CASE_INSENSITIVE);

    private EcsSizes() {
    }

    /**
     * @param text e.g. {@code "256"}, {@code "1 vCPU"}, {@code "0.25vcpu"}
     * @return the exact number of CPU units it stands for (possibly fractional), or empty if it is not a CPU size
     */
    public static Optional<BigDecimal> cpuUnits(String text) {
        return scaled(CPU.matcher(text.strip()));
    }

    /**
     * @param text e.g. {@code "512"}, {@code "2 GB"}, {@code "0.5GB"}
     * @return the exact number of MiB it stands for (possibly fractional), or empty if it is not a memory size
     */
    public static Optional<BigDecimal> memoryMiB(String text) {
        return scaled(MEMORY.matcher(text.strip()));
    }

    /**
     * @param value an exact number
     * @return the value as an {@code int}, or empty if it has a fractional part or is out of range
     */
    public static OptionalInt exactInt(BigDecimal value) {
        Objects.requireNonNull(value, "value");
        try {
            return OptionalInt.of(value.intValueExact());
        } catch (ArithmeticException notAnInt) {
            return OptionalInt.empty();
        }
    }

    private static Optional<BigDecimal> scaled(Matcher m) {
        if (!m.matches()) {
            return Optional.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        return Optional.of(m.group(2) == null ? number : number.multiply(PER_UNIT));
    }
}
