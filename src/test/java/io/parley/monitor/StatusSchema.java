package io.parley.monitor;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code docs/status-schema.json}, the published schema, loaded from the repository for tests. */
final class StatusSchema {
    static final Path FILE = Path.of(System.getProperty("parley.repo", "."), "docs", "status-schema.json");
    private static final Schema SCHEMA = load();

    private StatusSchema() {}

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Violations of the schema, one readable line each; empty when {@code json} conforms. */
    static List<String> violations(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }
}
