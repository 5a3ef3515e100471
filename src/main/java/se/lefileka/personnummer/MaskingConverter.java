package se.lefileka.personnummer;

import java.util.List;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;
import org.apache.logging.log4j.core.pattern.PatternFormatter;

/**
 * The log's mask: {@code %masked{pattern}} writes the pattern (message, stack trace) with anything
 * written like a personnummer replaced by {@link PersonnummerMask#mask}, the one masking function
 * of the bundle, whatever logged it.
 */
@Plugin(name = "MaskingConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"masked"})
public final class MaskingConverter extends LogEventPatternConverter {

    private final List<PatternFormatter> formatters;

    private MaskingConverter(List<PatternFormatter> formatters) {
        super("masked", "masked");
        this.formatters = formatters;
    }

    public static MaskingConverter newInstance(Configuration config, String[] options) {
        if (options.length != 1) {
            throw new IllegalArgumentException("%masked takes one pattern: %masked{%msg%n%throwable}");
        }
        return new MaskingConverter(PatternLayout.createPatternParser(config).parse(options[0]));
    }

    @Override
    public void format(LogEvent event, StringBuilder toAppendTo) {
        StringBuilder text = new StringBuilder();
        for (PatternFormatter formatter : formatters) {
            formatter.format(event, text);
        }
        toAppendTo.append(PersonnummerMask.mask(text.toString()));
    }

    @Override
    public boolean handlesThrowable() {
        return formatters.stream().anyMatch(PatternFormatter::handlesThrowable);
    }
}
