package dev.berth.testing;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds public API without javadoc in a source tree. The compile-time doclint runs without its {@code missing}
 * group, so that records need not repeat their components' {@code @param} block on the compact constructor; this
 * check keeps the rest of what that group enforced: every public type, and every public or protected method and
 * constructor of one, has a doc comment (overrides and compact constructors inherit theirs).
 *
 * <p>It only parses the sources, without compiling them.
 */
public final class PublicJavadoc {

    private PublicJavadoc() {
    }

    /**
     * @param sourceRoot a module's {@code src/main/java}
     * @return one line per undocumented declaration, e.g. {@code dev/berth/api/Berth.java:42 method close}; empty
     *     when everything public is documented
     */
    public static List<String> undocumented(Path sourceRoot) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
             Stream<Path> walk = Files.walk(sourceRoot)) {
            List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            List<String> missing = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                new Scanner(unit, docs, sourceRoot, missing).scan(new TreePath(unit), null);
            }
            return missing;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Visits public types (nested ones only inside public types) and their public and protected members. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        private final DocTrees docs;
        private final Path root;
        private final List<String> missing;

        Scanner(CompilationUnitTree unit, DocTrees docs, Path root, List<String> missing) {
            this.unit = unit;
            this.docs = docs;
            this.root = root;
            this.missing = missing;
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
            boolean enclosedByType = getCurrentPath().getParentPath().getLeaf() instanceof ClassTree;
            Tree.Kind parentKind = getCurrentPath().getParentPath().getLeaf().getKind();
            boolean inInterface = parentKind == Tree.Kind.INTERFACE || parentKind == Tree.Kind.ANNOTATION_TYPE;
            boolean exposed = type.getModifiers().getFlags().contains(Modifier.PUBLIC) || (enclosedByType && inInterface);
            if (!exposed) {
                return null; // nothing inside a non-public type is public API
            }
            require(type, "type " + type.getSimpleName());
            return super.visitClass(type, unused);
        }

        @Override
        public Void visitMethod(MethodTree method, Void unused) {
            ClassTree owner = (ClassTree) getCurrentPath().getParentPath().getLeaf();
            boolean inInterface = owner.getKind() == Tree.Kind.INTERFACE || owner.getKind() == Tree.Kind.ANNOTATION_TYPE;
            var flags = method.getModifiers().getFlags();
            boolean exposed = flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                    || (inInterface && !flags.contains(Modifier.PRIVATE));
            boolean override = method.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
            boolean constructor = method.getReturnType() == null;
            boolean compact = constructor && owner.getKind() == Tree.Kind.RECORD && isCompact(method);
            if (exposed && !override && !compact) {
                require(method, (constructor ? "constructor " : "method ") + method.getName());
            }
            return null; // no need to look into bodies: local and anonymous types are not API
        }

        /** A compact constructor has no parameter list in the source (the parser adds the components). */
        private boolean isCompact(MethodTree constructor) {
            var positions = docs.getSourcePositions();
            long afterModifiers = positions.getEndPosition(unit, constructor.getModifiers());
            int from = (int) (afterModifiers > 0 ? afterModifiers : positions.getStartPosition(unit, constructor));
            int to = (int) positions.getStartPosition(unit, constructor.getBody());
            try {
                return unit.getSourceFile().getCharContent(true).subSequence(from, to).toString().indexOf('(') < 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void require(Tree tree, String what) {
            if (docs.getDocCommentTree(getCurrentPath().getLeaf() == tree ? getCurrentPath()
                    : new TreePath(getCurrentPath(), tree)) == null) {
                long line = unit.getLineMap().getLineNumber(docs.getSourcePositions().getStartPosition(unit, tree));
                missing.add(root.toAbsolutePath().relativize(Path.of(unit.getSourceFile().toUri())) + ":" + line + " " + what);
            }
        }
    }
}
