package dev.berth.benchmarks.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static Sample sample(double seconds) {
        return new Sample(seconds, 1, 1, 1, 16, Optional.empty());
    }

    private static String row(String table, String scenario, String contender) {
        return table.lines().filter(l -> l.startsWith("| " + scenario + " | " + contender + " |")).findFirst()
                .orElseThrow();
    }

    @Test
    void markdown_givesMediansAndBerthsRatio() {
        ResultTable table = new ResultTable();
        List.of(4.0, 2.0, 3.0).forEach(s -> table.add("10 running", "Berth", sample(s)));
        List.of(6.0, 5.0, 4.0).forEach(s -> table.add("10 running", "Swarm", sample(s)));

        String markdown = table.markdown("Berth");

        assertThat(row(markdown, "10 running", "Berth"))
                .startsWith("| 10 running | Berth | 3 | 3.00 | 2.00–4.00 | 1.00 |").endsWith("| – | – | – |");
        assertThat(row(markdown, "10 running", "Swarm"))
                .startsWith("| 10 running | Swarm | 3 | 5.00 | 4.00–6.00 | 0.60 |");
    }

    @Test
    void markdown_sumsTheClientsFailuresOverAllRolls_andPoolsTheirLatencies() {
        ResultTable table = new ResultTable();
        // 100 requests of 1..100 ms in one roll with 1 failure, and one of 2,000 ms that failed in another
        table.add("roll", "Berth", sample(20).withClient(new ClientTotals(100, 1, 50,
                IntStream.rangeClosed(1, 100).boxed().toList())));
        table.add("roll", "Berth", sample(22).withClient(new ClientTotals(1, 1, 49, List.of(2_000))));

        assertThat(row(table.markdown("Berth"), "roll", "Berth")).endsWith("| 2 / 101 | 51 / 100 / 2000 | 49 |");
    }
}
