package dev.berth.internal.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.berth.exception.BerthException;
import dev.berth.exception.InvalidSpecException;
import dev.berth.exception.SpecProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses text into JSON trees and prints trees as text, with an {@link ObjectMapper} of its own. Syntax errors
 * become an {@link InvalidSpecException} whose problem carries the line, column and path where parsing stopped.
 */
public final class JsonDocuments {

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]");

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    /** Creates the parser and printer with Jackson's default parser settings. */
    public JsonDocuments() {
        mapper = new ObjectMapper();
        // Exact decimals: fractional epoch seconds and cpu/memory numbers are read without binary rounding.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        writer = mapper.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
    }

    /**
     * @param json the document
     * @param subject what the document is, for messages
     * @return its tree
     * @throws InvalidSpecException if it is not a single well-formed JSON value
     * @throws BerthException if Jackson cannot set up reading it
     */
    public JsonNode parse(String json, String subject) {
        try {
            return parse(mapper.createParser(json), subject);
        } catch (IOException e) {
            throw new BerthException("Cannot read " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json the document; read to its end and not closed
     * @param subject what the document is, for messages
     * @return its tree
     * @throws InvalidSpecException if it is not a single well-formed JSON value
     * @throws BerthException if the stream cannot be read
     */
    public JsonNode parse(InputStream json, String subject) {
        try {
            return parse(mapper.createParser(json), subject);
        } catch (IOException e) {
            throw new BerthException("Cannot read " + subject + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a JSON file
     * @param subject what the document is, for messages; should name the file
     * @return its tree
     * @throws InvalidSpecException if it is not a single well-formed JSON value
     * @throws BerthException if the file cannot be read
     */
    public JsonNode parse(Path file, String subject) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, subject);
        } catch (IOException e) {
            throw new BerthException("Cannot read " + subject + ": " + e, e);
        }
    }

    private JsonNode parse(JsonParser parser, String subject) throws IOException {
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        try (parser) {
            JsonNode tree = mapper.readTree(parser);
            if (tree == null) {
                throw syntaxError(subject, "", "The document is empty; it must hold a JSON object.");
            }
            if (parser.nextToken() != null) {
                throw syntaxError(subject, "", "Unexpected content after the JSON object at "
                        + where(parser.currentTokenLocation()) + "; a document holds exactly one object.");
            }
            return tree;
        } catch (JsonEOFException e) {
            String path = pathOf(parser.getParsingContext());
            throw syntaxError(subject, path, "The document ends at " + where(e.getLocation()) + " while "
                    + openValues(parser) + " still open: it was cut short, or a closing } or ] is missing.");
        } catch (JacksonException e) {
            String path = pathOf(parser.getParsingContext());
            throw syntaxError(subject, path, "Malformed JSON at " + where(e.getLocation())
                    + (path.isEmpty() ? "" : " near '" + path + "'") + ": " + plain(e.getOriginalMessage())
                    + ". Fix the JSON syntax.");
        }
    }

    /** @return the objects and arrays the parser is inside, outermost first, where each was opened */
    private static String openValues(JsonParser parser) {
        List<String> open = new ArrayList<>();
        ContentReference source = parser.currentLocation().contentReference();
        String path = "";
        for (JsonStreamContext c : chain(parser.getParsingContext())) {
            String name = c.inArray() ? "an array" : "an object";
            String at = path.isEmpty() ? "" : " '" + path + "'";
            open.add(name + at + " opened at " + where(c.startLocation(source)));
            path = extend(path, c);
        }
        String joined = String.join(", ", open);
        return open.size() == 1 ? joined + " is" : joined + " are";
    }

    /** Jackson's messages name where a value started as "[Source: ...; line: 1, column: 2]": keep line and column. */
    private static String plain(String message) {
        return message == null ? "unreadable input"
                : SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    private static InvalidSpecException syntaxError(String subject, String path, String message) {
        return new InvalidSpecException(subject, List.of(new SpecProblem(path, "json.syntax", "", message)));
    }

    private static String where(JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** @return the path of the value the parser was in, e.g. {@code containerDefinitions[0].portMappings} */
    private static String pathOf(JsonStreamContext context) {
        String path = "";
        for (JsonStreamContext c : chain(context)) {
            path = extend(path, c);
        }
        return path;
    }

    /** @return the contexts from the outermost object or array to {@code context} */
    private static List<JsonStreamContext> chain(JsonStreamContext context) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        return chain;
    }

    /** @return {@code path} extended by the element or field {@code c} is at */
    private static String extend(String path, JsonStreamContext c) {
        if (c.inArray()) {
            return path + "[" + Math.max(c.getCurrentIndex(), 0) + "]";
        } else if (c.getCurrentName() != null) {
            return path + (path.isEmpty() ? "" : ".") + c.getCurrentName();
        }
        return path;
    }

    /**
     * @param tree a JSON tree
     * @return it as text: 4-space indentation, {@code "name": value}, one value per line, a final newline
     * @throws BerthException if Jackson cannot write the tree
     */
    public String print(JsonNode tree) {
        try {
            return writer.writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new BerthException("Cannot write task-definition JSON: " + e.getMessage(), e);
        }
    }
}
