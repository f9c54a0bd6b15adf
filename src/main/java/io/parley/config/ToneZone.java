package io.parley.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A country's ringing tone, which a caller hears while waiting for the other leg of their bridge:
 * the {@code ring} cadences of Asterisk's stock {@code indications.conf} (Asterisk 22), in its
 * notation: {@code FREQ[+FREQ2|*MOD]/MILLIS} steps, comma-separated, repeating; frequency 0 is a pause.
 *
 * @param name    the zone's name, as in {@code indications.conf} (e.g. {@code fr})
 * @param cadence the ringing tone in Asterisk's notation
 */
public record ToneZone(String name, String cadence) {
    private static final Map<String, String> RING = new TreeMap<>(Map.ofEntries(
            Map.entry("at", "420/1000,0/5000"),
            Map.entry("au", "413+438/400,0/200,413+438/400,0/2000"),
            Map.entry("be", "425/1000,0/3000"),
            Map.entry("bg", "425/1000,0/4000"),
            Map.entry("br", "425/1000,0/4000"),
            Map.entry("ch", "425/1000,0/4000"),
            Map.entry("cl", "400/1000,0/3000"),
            Map.entry("cn", "450/1000,0/4000"),
            Map.entry("cz", "425/1000,0/4000"),
            Map.entry("de", "425/1000,0/4000"),
            Map.entry("dk", "425/1000,0/4000"),
            Map.entry("ee", "425/1000,0/4000"),
            Map.entry("es", "425/1500,0/3000"),
            Map.entry("fi", "425/1000,0/4000"),
            Map.entry("fr", "440/1500,0/3500"),
            Map.entry("gr", "425/1000,0/4000"),
            Map.entry("hu", "425/1250,0/3750"),
            Map.entry("id", "425/1000,0/4000"),
            Map.entry("il", "414/1000,0/3000"),
            Map.entry("in", "400*25/400,0/200,400*25/400,0/2000"),
            Map.entry("it", "425/1000,0/4000"),
            Map.entry("jp", "400+15/1000,0/2000"),
            Map.entry("lt", "425/1000,0/4000"),
            Map.entry("mx", "425/1000,0/4000"),
            Map.entry("my", "425/400,0/200,425/400,0/2000"),
            Map.entry("nl", "425/1000,0/4000"),
            Map.entry("no", "425/1000,0/4000"),
            Map.entry("nz", "400+450/400,0/200,400+450/400,0/2000"),
            Map.entry("ph", "425+480/1000,0/4000"),
            Map.entry("pl", "425/1000,0/4000"),
            Map.entry("pt", "425/1000,0/5000"),
            Map.entry("ru", "425/1000,0/4000"),
            Map.entry("se", "425/1000,0/5000"),
            Map.entry("sg", "425*24/400,0/200,425*24/400,0/2000"),
            Map.entry("th", "420/1000,0/5000"),
            Map.entry("tw", "440+480/1000,0/2000"),
            Map.entry("uk", "400+450/400,0/200,400+450/400,0/2000"),
            Map.entry("us", "440+480/2000,0/4000"),
            Map.entry("ve", "425/1000,0/4000"),
            Map.entry("za", "400*33/400,0/200,400*33/400,0/2000")));

    /** Where a language is mostly spoken, for the default zone of a leg; others get {@link #DEFAULT}. */
    private static final Map<String, String> BY_LANGUAGE = Map.ofEntries(
            Map.entry("en", "us"),
            Map.entry("fr", "fr"),
            Map.entry("es", "es"),
            Map.entry("de", "de"),
            Map.entry("it", "it"),
            Map.entry("pt", "pt"),
            Map.entry("nl", "nl"),
            Map.entry("ru", "ru"),
            Map.entry("ja", "jp"),
            Map.entry("zh", "cn"),
            Map.entry("pl", "pl"),
            Map.entry("sv", "se"),
            Map.entry("da", "dk"),
            Map.entry("nb", "no"),
            Map.entry("no", "no"),
            Map.entry("fi", "fi"),
            Map.entry("el", "gr"),
            Map.entry("cs", "cz"),
            Map.entry("hu", "hu"),
            Map.entry("he", "il"),
            Map.entry("et", "ee"),
            Map.entry("lt", "lt"),
            Map.entry("bg", "bg"),
            Map.entry("th", "th"),
            Map.entry("id", "id"),
            Map.entry("ms", "my"),
            Map.entry("hi", "in"));

    /** Asterisk's own default country ({@code indications.conf}: {@code country=us}). */
    public static final ToneZone DEFAULT = new ToneZone("us", RING.get("us"));

    /** The zone named {@code name} (case-insensitive), if it is one of the stock zones. */
    public static Optional<ToneZone> named(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(RING.get(key)).map(c -> new ToneZone(key, c));
    }

    /** The zone of the country a language is mostly spoken in; {@link #DEFAULT} for others and for none. */
    public static ToneZone forLanguage(String language) {
        String zone = BY_LANGUAGE.get(language.strip().toLowerCase(Locale.ROOT));
        return zone == null ? DEFAULT : named(zone).orElseThrow();
    }

    /** The names of every zone, for error messages. */
    public static String names() {
        return String.join(", ", RING.keySet());
    }
}
