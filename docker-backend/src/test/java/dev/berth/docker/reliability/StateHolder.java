package dev.berth.docker.reliability;

import dev.berth.api.Berth;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Berth process holding a state directory, for {@link StateFaultsIT}: opens a Berth on the Docker engine over the
 * directory, prints {@link #OPEN}, and runs until its standard input closes. Arguments: state directory, session.
 */
public final class StateHolder {

    static final String OPEN = "berth open";

    private StateHolder() {
    }

    /** @param args state directory, session label */
    public static void main(String[] args) throws IOException {
        try (Berth berth = FaultBerths.open(FaultBerths.config(args[1]), Path.of(args[0]))) {
            System.out.println(OPEN);
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the test closes our input
            }
        }
    }
}
