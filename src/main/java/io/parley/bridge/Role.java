package io.parley.bridge;

import io.parley.config.BridgeConfig;
import io.parley.config.LegConfig;

/** Which components of the plan this process runs: all of them, one gateway, or one bridge. */
public sealed interface Role {

    boolean runsGateway(BridgeConfig bridge, LegConfig leg);

    boolean runsBridge(BridgeConfig bridge);

    /** {@code parley run}: every gateway and every bridge. */
    record All() implements Role {
        @Override
        public boolean runsGateway(BridgeConfig bridge, LegConfig leg) {
            return true;
        }

        @Override
        public boolean runsBridge(BridgeConfig bridge) {
            return true;
        }
    }

    /** {@code parley gateway --leg EXT}: that extension's gateway alone. */
    record GatewayOnly(String extension) implements Role {
        @Override
        public boolean runsGateway(BridgeConfig bridge, LegConfig leg) {
            return leg.extension().equals(extension);
        }

        @Override
        public boolean runsBridge(BridgeConfig bridge) {
            return false;
        }
    }

    /** {@code parley bridge --name NAME}: that bridge, talking PCM to gateways running elsewhere. */
    record BridgeOnly(String name) implements Role {
        @Override
        public boolean runsGateway(BridgeConfig bridge, LegConfig leg) {
            return false;
        }

        @Override
        public boolean runsBridge(BridgeConfig bridge) {
            return bridge.name().equals(name);
        }
    }
}
