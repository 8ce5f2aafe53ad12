package dev.berth.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.TaskDefinitions;
import dev.berth.exception.InvalidSpecException;
import dev.berth.model.ArnScope;
import dev.berth.model.TaskDefinition;
import dev.berth.testing.TaskDefinitionArbitraries;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Malformed and hostile ECS task-definition JSON: valid documents with a node replaced by a value of the wrong type,
 * a huge or control-character string, a path-like name, deep nesting, a negative or overflowing number, an unknown
 * field, or with their text cut or spliced. Whatever the input, reading it returns a valid definition or throws
 * {@link InvalidSpecException}, within {@link #BOUND}: never another exception, a hang or an out-of-memory.
 */
class HostileTaskDefinitionJsonProperties {

    /** A try's upper bound; a correct read takes milliseconds. */
    static final Duration BOUND = Duration.ofSeconds(10);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ExecutorService READER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hostile-json-reader");
        t.setDaemon(true);
        return t;
    });

    private final EcsTaskDefinitionJson json = EcsTaskDefinitionJson.create();

    @AfterContainer
    static void stopReader() {
        READER.shutdownNow();
    }

    @Property(tries = 600)
    void mutatedDocument_isReadOrRefusedAsInvalidSpec(@ForAll("validDocuments") String document,
                                                      @ForAll("seeds") long seed) {
        assertReadOrInvalid(mutate(document, new Random(seed)));
    }

    @Property(tries = 200)
    void splicedText_isReadOrRefusedAsInvalidSpec(@ForAll("validDocuments") String document,
                                                 @ForAll("seeds") long seed) {
        Random random = new Random(seed);
        int at = random.nextInt(document.length() + 1);
        String noise = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
        String spliced = random.nextBoolean() ? document.substring(0, at)
                : document.substring(0, at) + noise + document.substring(Math.min(document.length(),
                        at + random.nextInt(8)));
        assertReadOrInvalid(spliced);
    }

    @Property(tries = 200)
    void arbitraryText_isRefusedAsInvalidSpec(@ForAll("noise") String text) {
        assertReadOrInvalid(text);
    }

    /** Regression: a non-string environment value was echoed in the problem, e.g. a numeric PIN or a token object. */
    @Example
    void environmentValueOfTheWrongType_isRefusedWithoutShowingIt() {
        for (String value : List.of("48151623", "{\"token\": \"tok-48151623\"}", "[\"tok-48151623\"]", "true")) {
            String document = "{\"family\": \"web\", \"containerDefinitions\": [{\"name\": \"app\", \"image\":"
                    + " \"busybox\", \"memory\": 16, \"environment\": [{\"name\": \"PIN\", \"value\": " + value
                    + "}]}]}";
            InvalidSpecException e = assertRefused(document);
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("containerDefinitions[0].environment[0].value");
                assertThat(p.value()).isEmpty();
                assertThat(p.message()).contains("must be a string").doesNotContain("48151623");
            });
            assertThat(e.getMessage()).doesNotContain("48151623");
        }
    }

    @Example
    void pathLikeAndControlCharacterNames_areRefusedNamingTheField() {
        for (String name : List.of("../../etc/passwd", "a/b", "a\u0000b", "tab\tname", "\u001b[31mred", "")) {
            ObjectNode document = MAPPER.createObjectNode().put("family", "web");
            document.putArray("containerDefinitions").addObject().put("name", name).put("image", "busybox")
                    .put("memory", 16);
            InvalidSpecException e = assertRefused(document.toString());
            assertThat(e.problems()).as("problems of container name %s", name)
                    .anySatisfy(p -> assertThat(p.path()).isEqualTo("containerDefinitions[0].name"));

            document.put("family", name).withArray("containerDefinitions").remove(0);
            document.withArray("containerDefinitions").addObject().put("name", "app").put("image", "busybox")
                    .put("memory", 16);
            assertThat(assertRefused(document.toString()).problems()).as("problems of family %s", name)
                    .anySatisfy(p -> assertThat(p.path()).isEqualTo("family"));
        }
    }

    @Example
    void documentNestedTenThousandDeep_isRefusedAsInvalidSpec() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertRefused("{\"family\": \"web\", \"containerDefinitions\": " + deep + "}");
        assertRefused("{\"family\": \"web\", \"tags\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001));
    }

    @Example
    void documentOfTwentyMegabytes_isRefusedAsInvalidSpec() {
        String huge = "x".repeat(20 * 1024 * 1024);
        assertRefused("{\"family\": \"" + huge + "\", \"containerDefinitions\": []}");
        InvalidSpecException fromStream = (InvalidSpecException) catchThrowable(() -> json.read(
                new ByteArrayInputStream(("{\"family\": \"" + huge + "\"}").getBytes(StandardCharsets.UTF_8))));
        assertThat(fromStream).isNotNull();
    }

    /** ECS's 64 KiB quota is a registration quota: the document reads, and registering it is refused. */
    @Example
    void definitionOverSixtyFourKibibytes_isRefusedAtRegistrationNamingTheLimit() {
        ObjectNode document = MAPPER.createObjectNode().put("family", "web");
        ArrayNode containers = document.putArray("containerDefinitions");
        ObjectNode app = containers.addObject().put("name", "app").put("image", "busybox").put("memory", 64);
        ArrayNode environment = app.putArray("environment");
        for (int i = 0; i < 40; i++) {
            environment.addObject().put("name", "V" + i).put("value", "v".repeat(2000));
        }
        TaskDefinition read = json.read(document.toString());
        Throwable thrown = catchThrowable(() -> TaskDefinitions.inMemory(Clock.systemUTC(), ArnScope.local())
                .register(read));
        assertThat(thrown).isInstanceOf(InvalidSpecException.class);
        assertThat(((InvalidSpecException) thrown).problems()).anySatisfy(p -> assertThat(p.message()).contains("64"));
    }

    @Example
    void elevenContainers_areRefusedNamingTheLimit() {
        ObjectNode document = MAPPER.createObjectNode().put("family", "web");
        ArrayNode containers = document.putArray("containerDefinitions");
        for (int i = 0; i < 11; i++) {
            containers.addObject().put("name", "c" + i).put("image", "busybox").put("memory", 16);
        }
        InvalidSpecException e = assertRefused(document.toString());
        assertThat(e.problems()).anySatisfy(p -> assertThat(p.message()).contains("10"));
    }

    private InvalidSpecException assertRefused(String document) {
        Throwable thrown = readBounded(document);
        assertThat(thrown).as("reading %s", abbreviate(document)).isInstanceOf(InvalidSpecException.class);
        return (InvalidSpecException) thrown;
    }

    private void assertReadOrInvalid(String document) {
        Throwable thrown = readBounded(document);
        if (thrown != null) {
            assertThat(thrown).as("reading %s", abbreviate(document)).isInstanceOf(InvalidSpecException.class);
            assertThat(((InvalidSpecException) thrown).problems()).isNotEmpty();
        }
    }

    /** @return what reading {@code document} threw, or null if it gave a definition */
    private Throwable readBounded(String document) {
        Future<TaskDefinition> read = READER.submit(() -> json.read(document));
        try {
            assertThat(read.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            read.cancel(true);
            throw new AssertionError("reading took over " + BOUND + ": " + abbreviate(document));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    /** Strings meant to hurt: control characters, NUL, path-like names, markup, huge text, odd Unicode. */
    private static final List<String> HOSTILE_TEXT = List.of("", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m",
            "../../etc/passwd", "/", "..", "a/b", "C:\\Windows", "\r\n", "\t", "$(rm -rf /)", "`id`", "'; DROP --",
            "\ud800", "\uffff", "\u202e", "é", "😀", "{", "}", "[", "]", "\"", ":", ",", "null", "x".repeat(70_000),
            "-", "0x1F", "1e999999", "NaN", "Infinity", "-0", "%s%n%x");

    private static final List<JsonNode> HOSTILE_NUMBERS = List.of(
            JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(0),
            JsonNodeFactory.instance.numberNode(Integer.MIN_VALUE), JsonNodeFactory.instance.numberNode(Integer.MAX_VALUE),
            JsonNodeFactory.instance.numberNode(Long.MAX_VALUE), JsonNodeFactory.instance.numberNode(Long.MIN_VALUE),
            JsonNodeFactory.instance.numberNode(new BigInteger("9".repeat(400))),
            JsonNodeFactory.instance.numberNode(new BigDecimal("1e-400")),
            JsonNodeFactory.instance.numberNode(new BigDecimal("1e400")),
            JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.numberNode(-0.0));

    /** Replaces, adds or removes one node of the document's tree, or several. */
    private static String mutate(String document, Random random) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(document);
        } catch (Exception e) {
            throw new AssertionError("the generator gave invalid JSON", e);
        }
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            List<ContainerNode<?>> containers = new ArrayList<>();
            collect(tree, containers);
            ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
            JsonNode value = hostileValue(random);
            if (target instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                int choice = random.nextInt(4);
                if (choice == 0 || names.isEmpty()) {
                    object.set(random.nextBoolean() ? "unknownField" : HOSTILE_TEXT.get(random.nextInt(20)), value);
                } else if (choice == 1) {
                    object.remove(names.get(random.nextInt(names.size())));
                } else {
                    object.set(names.get(random.nextInt(names.size())), value);
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || random.nextBoolean()) {
                    array.add(value);
                } else {
                    array.set(random.nextInt(array.size()), value);
                }
            }
        }
        return tree.toString();
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> into) {
        if (node instanceof ContainerNode<?> container) {
            into.add(container);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collect(children.next(), into);
            }
        }
    }

    private static JsonNode hostileValue(Random random) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (random.nextInt(7)) {
            case 0 -> nodes.textNode(HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
            case 1 -> HOSTILE_NUMBERS.get(random.nextInt(HOSTILE_NUMBERS.size()));
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.nullNode();
            case 4 -> nested(random.nextInt(200));
            case 5 -> nodes.arrayNode().add(nodes.textNode("a")).add(1).add(nodes.objectNode());
            default -> nodes.objectNode().put("name", HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())))
                    .put("value", HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
        };
    }

    private static JsonNode nested(int depth) {
        JsonNode node = JsonNodeFactory.instance.textNode("deep");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? JsonNodeFactory.instance.arrayNode().add(node)
                    : JsonNodeFactory.instance.objectNode().set("x", node);
        }
        return node;
    }

    @Provide
    Arbitrary<String> validDocuments() {
        EcsTaskDefinitionJson codec = EcsTaskDefinitionJson.create();
        return TaskDefinitionArbitraries.taskDefinitions().map(codec::write);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().withoutEdgeCases();
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\",:0123456789-+.eE truefalsn\\u").ofMaxLength(200));
    }
}
