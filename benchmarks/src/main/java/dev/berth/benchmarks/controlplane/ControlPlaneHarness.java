package dev.berth.benchmarks.controlplane;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs the control-plane benchmark: for each side in turn, the services created at once, deployed, and scaled in
 * to zero; then prints the markdown table of {@link ControlPlaneTable}. Usage: see {@link ControlPlaneOptions}, or
 * {@code scripts/bench-control-plane.sh --help}.
 */
public final class ControlPlaneHarness {

    private ControlPlaneHarness() {
    }

    /**
     * @param args the options
     * @throws Exception if a side fails or a phase times out
     */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(ControlPlaneOptions.USAGE);
            return;
        }
        String state = System.getenv().getOrDefault("BERTH_K8S_STATE", "/tmp/berth-k8s");
        ControlPlaneOptions options;
        try {
            options = ControlPlaneOptions.parse(Path.of(state), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<PhaseResult> berth = List.of();
        List<PhaseResult> kubernetes = List.of();
        for (String side : options.sides()) {
            System.err.printf("%s: %s%n", side, options.describe());
            List<PhaseResult> results = run(side, options);
            if (side.equals("berth")) {
                berth = results;
            } else {
                kubernetes = results;
            }
        }
        System.out.println(options.describe());
        System.out.print(ControlPlaneTable.render(berth, kubernetes));
    }

    private static List<PhaseResult> run(String side, ControlPlaneOptions options)
            throws TimeoutException, InterruptedException {
        return side.equals("berth") ? new BerthSide(options).run() : new KubernetesSide(options).run();
    }
}
