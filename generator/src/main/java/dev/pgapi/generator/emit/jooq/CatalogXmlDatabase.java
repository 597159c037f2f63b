package dev.pgapi.generator.emit.jooq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.meta.DefaultEnumDefinition;
import org.jooq.meta.EnumDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.xml.XMLDatabase;

/**
 * jOOQ's {@link XMLDatabase} plus PostgreSQL enum types, which the information-schema XML format cannot express.
 * {@link JooqEmitter} passes each enum as one database property ({@value #ENUM_PREFIX}{@code <n>} →
 * {@code schema␟name␟comment␟label␟label…}) because jOOQ instantiates the database class reflectively and offers no other
 * channel.
 */
public class CatalogXmlDatabase extends XMLDatabase {

    static final String ENUM_PREFIX = "pgapi.enum.";
    /** ASCII unit separator: cannot clash with identifiers or labels anyone writes. */
    static final String SEPARATOR = "\u001f";

    @Override
    protected List<EnumDefinition> getEnums0() {
        List<EnumDefinition> result = new ArrayList<>();
        for (String key :
                getProperties().stringPropertyNames().stream().sorted().toList()) {
            if (!key.startsWith(ENUM_PREFIX)) {
                continue;
            }
            String[] parts = getProperties().getProperty(key).split(SEPARATOR, -1);
            SchemaDefinition schema = getSchema(parts[0]);
            if (schema == null || !getInputSchemata().contains(parts[0])) {
                continue;
            }
            DefaultEnumDefinition definition =
                    new DefaultEnumDefinition(schema, parts[1], parts[2].isEmpty() ? null : parts[2]);
            definition.addLiterals(Arrays.copyOfRange(parts, 3, parts.length));
            result.add(definition);
        }
        return result;
    }
}
