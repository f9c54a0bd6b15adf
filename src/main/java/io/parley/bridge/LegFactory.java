package io.parley.bridge;

import io.parley.config.LegConfig;
import io.parley.leg.LegSide;
import java.io.IOException;

/** Opens the bridge's end of a leg whose transport lives outside this package (AudioSocket, in {@code ari}). */
@FunctionalInterface
public interface LegFactory {
    LegFactory NONE = leg -> {
        throw new IllegalArgumentException("no factory for leg " + leg.extension() + "'s topology");
    };

    LegSide open(LegConfig leg) throws IOException;
}
