package dev.berth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the code in README.md and docs/*.md identical to compiled code. A fenced block that follows a marker
 *
 * <pre>
 * &lt;!-- snippet: examples/src/main/java/dev/berth/examples/HelloBerth.java#quickstart --&gt;
 * </pre>
 *
 * must equal, verbatim, the region between {@code // tag::quickstart[]} and {@code // end::quickstart[]} of that
 * file (a path from the repository's root), shifted left by the region's common indentation. Every {@code java}
 * block needs such a marker, or {@code <!-- snippet-pending: why -->} where the code it shows is not written yet
 * (another module's work); pending blocks are listed, not compared. Relative links must name existing files.
 */
class DocumentationSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->");
    private static final Pattern PENDING = Pattern.compile("<!-- snippet-pending: .+ -->");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

    @Test
    void everyMarkedBlock_equalsItsCompiledRegion() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                Matcher marker = MARKER.matcher(block.marker());
                if (!marker.matches()) {
                    continue;
                }
                compared++;
                String expected = region(ROOT.resolve(marker.group(1)), marker.group(2));
                if (!expected.equals(block.code())) {
                    mismatches.add(ROOT.relativize(page) + ":" + block.line() + " differs from " + marker.group(1)
                            + "#" + marker.group(2) + "\n--- page:\n" + block.code() + "\n--- source:\n" + expected);
                }
            }
        }
        assertThat(mismatches).as("blocks that differ from their source").isEmpty();
        assertThat(compared).as("marked blocks compared").isGreaterThanOrEqualTo(10);
    }

    @Test
    void everyJavaBlock_hasASourceOrIsMarkedPending() {
        List<String> unmarked = new ArrayList<>();
        for (Path page : pages()) {
            for (Block block : blocks(page)) {
                boolean marked = MARKER.matcher(block.marker()).matches()
                        || PENDING.matcher(block.marker()).matches();
                if (block.language().equals("java") && !marked) {
                    unmarked.add(ROOT.relativize(page) + ":" + block.line());
                }
            }
        }
        assertThat(unmarked).as("java blocks without a snippet marker").isEmpty();
    }

    @Test
    void relativeLinks_nameExistingFiles() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(read(page));
            while (link.find()) {
                String target = link.group(1);
                if (!target.contains("://") && !target.startsWith("mailto:")
                        && !Files.exists(page.getParent().resolve(target))) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to missing files").isEmpty();
    }

    /** @return README.md and every page under docs/ */
    private static List<Path> pages() {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the page's fenced blocks, each with the last non-blank line before it */
    private static List<Block> blocks(Path page) {
        List<String> lines = read(page).lines().toList();
        List<Block> blocks = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                assertThat(end).as(ROOT.relativize(page) + ":" + (i + 1) + " has an unclosed block")
                        .isLessThan(lines.size());
                blocks.add(new Block(i + 1, line.substring(3).strip(), previous.strip(),
                        String.join("\n", lines.subList(i + 1, end))));
                i = end;
                previous = "";
            } else if (!line.isBlank()) {
                previous = line;
            }
        }
        return blocks;
    }

    /** @return the tagged region of {@code source}, shifted left by its common indentation */
    static String region(Path source, String tag) {
        String text = read(source);
        String start = "// tag::" + tag + "[]";
        String end = "// end::" + tag + "[]";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertThat(from).as(start + " in " + source).isNotNegative();
        assertThat(text.indexOf(start, from + 1)).as("a second " + start + " in " + source).isNegative();
        assertThat(to).as(end + " after " + start + " in " + source).isGreaterThan(from);
        String body = text.substring(text.indexOf('\n', from) + 1, text.lastIndexOf('\n', to) + 1);
        String[] lines = body.split("\n");
        int indent = Arrays.stream(lines).filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return Arrays.stream(lines).map(l -> l.isBlank() ? "" : l.substring(indent))
                .collect(Collectors.joining("\n")).stripTrailing();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * One fenced block of a page.
     *
     * @param line the line of its opening fence, from 1
     * @param language what follows the opening fence, e.g. {@code java}
     * @param marker the last non-blank line before it
     * @param code its content
     */
    private record Block(int line, String language, String marker, String code) {
    }
}
