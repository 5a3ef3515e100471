package se.lefileka.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.ser.VirtualBeanPropertyWriter;
import com.fasterxml.jackson.databind.util.Annotations;

/**
 * Writes {@code "source": "SANDBOX"} on an answer the built-in sandbox gave, when the mapper is
 * marked so ({@link AnswerSource#mark}); never on one the bundle gave without the sandbox's answer
 * ({@code REJECTED} before any call, {@code FAILED}): {@link FkAnswer#answeredByFk}.
 */
public class AnswerSourceWriter extends VirtualBeanPropertyWriter {

    public AnswerSourceWriter() {
    }

    private AnswerSourceWriter(BeanPropertyDefinition property, Annotations annotations, JavaType type) {
        super(property, annotations, type);
    }

    @Override
    protected Object value(Object bean, JsonGenerator generator, SerializerProvider provider) {
        return bean instanceof FkAnswer answer && answer.answeredByFk()
                ? provider.getAttribute(AnswerSource.ATTRIBUTE) : null;
    }

    @Override
    public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
                                                BeanPropertyDefinition property, JavaType type) {
        return new AnswerSourceWriter(property, declaringClass.getAnnotations(), type);
    }
}
