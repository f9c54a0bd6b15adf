package io.parley.history;

/** Told on the tracker's thread when a bridge's call starts and ends (recordings follow calls). */
interface CallListener {
    CallListener NONE = new CallListener() {
        @Override
        public void started(String bridge, String callId, long at) {}

        @Override
        public void ended(String bridge, String callId, long at) {}
    };

    void started(String bridge, String callId, long at);

    void ended(String bridge, String callId, long at);
}
