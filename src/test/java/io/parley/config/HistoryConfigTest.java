package io.parley.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code history} section: its defaults, a PostgreSQL URL with credentials from the environment, and its mistakes. */
class HistoryConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("PARLEY_DB_PASSWORD", "pa55word"));

    private static String defaultWithHistory(String history) {
        String text = ConfigLoader.defaultText();
        int start = text.indexOf("history:\n");
        int end = text.indexOf("\n\n", start);
        return text.substring(0, start) + history + text.substring(end);
    }

    private List<ConfigProblem> problems(String yaml) {
        try {
            loader.parse(yaml, "parley.yaml");
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("configuration was accepted:\n" + yaml);
    }

    @Test
    void byDefaultCallsAreKeptInSqliteUnderDataForNinetyDaysWithoutRecordings() throws Exception {
        HistorySettings h = loader.loadDefault().history();
        assertThat(h.enabled()).isTrue();
        assertThat(h.dataDir()).isEqualTo(Path.of("data"));
        assertThat(h.sqliteFile()).isEqualTo(Path.of("data", "history.db"));
        assertThat(h.database()).isEmpty();
        assertThat(h.retentionDays()).isEqualTo(90);
        assertThat(h.recordings().record()).isEmpty();
        assertThat(h.recordings().retentionDays()).isEqualTo(30);
        String withoutSection = defaultWithHistory("");
        assertThat(loader.parse(withoutSection, "p.yaml").history()).isEqualTo(HistorySettings.DEFAULT);
    }

    @Test
    void postgresqlIsOneSettingWithItsPasswordFromTheEnvironmentNeverPrinted() throws Exception {
        ParleyConfig c = loader.parse(
                defaultWithHistory("history:\n  database: jdbc:postgresql://db.example:5432/"
                        + "parley?user=parley&password=${PARLEY_DB_PASSWORD}\n  retentionDays: 30\n  node: east-1\n"
                        + "  recordings:\n    record: [3333-4444, 7777-8888/8888]\n    retentionDays: 7"),
                "p.yaml");
        HistorySettings h = c.history();
        assertThat(h.database().orElseThrow().value()).endsWith("password=pa55word");
        assertThat(h.toString()).doesNotContain("pa55word");
        assertThat(h.retentionDays()).isEqualTo(30);
        assertThat(h.node()).isEqualTo("east-1");
        assertThat(h.recordings().records("3333-4444", "4444")).isTrue();
        assertThat(h.recordings().records("7777-8888", "8888")).isTrue();
        assertThat(h.recordings().records("7777-8888", "7777")).isFalse();
        assertThat(h.recordings().records("5555-6666", "5555")).isFalse();
        assertThat(h.recordings().retentionDays()).isEqualTo(7);
    }

    @Test
    void mistakesAreLocatedAndNeverShowTheUrlsSecret() {
        // What the file says wrong in itself comes first; what does not fit the rest of the plan, once it reads.
        List<ConfigProblem> structure = problems(defaultWithHistory("history:\n  retentionDays: 0\n  dataDri: x"));
        assertThat(structure)
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("history.retentionDays", "history.dataDri");
        assertThat(structure)
                .filteredOn(p -> p.path().equals("history.dataDri"))
                .first()
                .extracting(ConfigProblem::message)
                .asString()
                .contains("did you mean 'dataDir'");
        String yaml = defaultWithHistory("history:\n  database: mysql://root:topsecret@db/parley\n"
                + "  recordings:\n    record: [9999-0000, 3333-4444/5555]");
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems)
                .extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder(
                        "history.database", "history.recordings.record[0]", "history.recordings.record[1]");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.line()).isPositive();
            assertThat(p.toString()).doesNotContain("topsecret");
        });
        assertThat(problems)
                .filteredOn(p -> p.path().equals("history.database"))
                .first()
                .extracting(ConfigProblem::message)
                .asString()
                .contains("jdbc:postgresql://HOST:PORT/DB");
        assertThat(problems)
                .filteredOn(p -> p.path().equals("history.recordings.record[1]"))
                .first()
                .extracting(ConfigProblem::message)
                .asString()
                .contains("has no leg with extension '5555'");
    }
}
