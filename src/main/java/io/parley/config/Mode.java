package io.parley.config;

/** What a bridge does with the audio between its legs. */
public enum Mode {
    /** Each caller hears the other as is. */
    CROSSPATCH("crosspatch"),
    /** Each caller hears the other translated into their own language. */
    TRANSLATE("translate");

    private final String key;

    Mode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
