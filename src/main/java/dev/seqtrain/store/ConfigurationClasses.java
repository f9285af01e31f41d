package dev.seqtrain.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.seqtrain.errors.SeqtrainException;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a DL4J configuration JSON before DL4J's Jackson reads it: that JSON names the classes to instantiate
 * ({@code "@class"} type ids), so a crafted one could name any class on the classpath. Every string and field name that
 * looks like a Java class name must lie in the packages a network configuration is made of. Duplicate keys are refused
 * too: Jackson takes the first {@code "@class"} of an object as its type, a tree reader the last, and a check must
 * see what DL4J will use.
 */
final class ConfigurationClasses {
    /** The packages of layer, activation, loss, updater, schedule, weight-init and dropout configurations. */
    static final List<String> ALLOWED_PACKAGES = List.of(
            "org.deeplearning4j.nn.conf.",
            "org.deeplearning4j.nn.weights.",
            "org.nd4j.linalg.activations.",
            "org.nd4j.linalg.lossfunctions.",
            "org.nd4j.linalg.learning.config.",
            "org.nd4j.linalg.learning.regularization.",
            "org.nd4j.linalg.schedule.",
            "dev.seqtrain.model.");

    /** A dotted Java name anywhere in a string (also inside {@code [Lx.Y;} or {@code a.B<c.D>}). */
    private static final Pattern QUALIFIED_NAME =
            Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(?:\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)+");
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private ConfigurationClasses() {
    }

    /** @throws SeqtrainException INPUT naming {@code where} and the class, for a class outside the allow-list */
    static void check(String json, String where) {
        try (JsonParser p = FACTORY.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if ("@class".equals(name)) {
                        JsonToken value = p.nextToken();
                        if (value != JsonToken.VALUE_STRING) {
                            throw SeqtrainException.input(where + ": \"@class\" is not a class name");
                        }
                        requireAllowed(p.getText(), where, true);
                    } else {
                        requireAllowed(name, where, false);
                    }
                } else if (t == JsonToken.VALUE_STRING) {
                    requireAllowed(p.getText(), where, false);
                }
            }
        } catch (IOException e) {
            throw SeqtrainException.input(where + ": not a valid network configuration: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static void requireAllowed(String text, String where, boolean typeId) {
        if (typeId && !QUALIFIED_NAME.matcher(text).matches()) {
            throw SeqtrainException.input(where + ": refusing class '" + text + "': not a plain class name");
        }
        Matcher m = QUALIFIED_NAME.matcher(text);
        while (m.find()) {
            String name = m.group();
            if (ALLOWED_PACKAGES.stream().noneMatch(name::startsWith)) {
                throw SeqtrainException.input(where + ": refusing class '" + name + "': a network configuration names"
                        + " only DL4J/ND4J configuration classes and seqtrain's own layers");
            }
        }
    }
}
