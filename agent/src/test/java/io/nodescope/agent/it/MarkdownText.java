package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Markdown document shows: the lines of its fenced code blocks, its inline code, and the targets of its relative links. */
final class MarkdownText {

    private static final Pattern FENCED = Pattern.compile("(?m)^[ \t]*```([a-z]*)\\n(.*?)^[ \t]*```", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private MarkdownText() {
    }

    /** Every fenced code block, in order, as its lines without their indentation. */
    static List<List<String>> codeBlocks(Path document) throws IOException {
        return codeBlocks(document, language -> true);
    }

    /** The fenced code blocks whose info string is {@code language} ("" for a block without one), as {@link #codeBlocks(Path)}. */
    static List<List<String>> codeBlocks(Path document, String language) throws IOException {
        return codeBlocks(document, language::equals);
    }

    /** The inline code of the prose (outside fenced blocks), in order, each with its line breaks and runs of spaces made one space. */
    static List<String> inlineCode(Path document) throws IOException {
        String prose = FENCED.matcher(Files.readString(document)).replaceAll("");
        List<String> spans = new ArrayList<>();
        for (Matcher span = INLINE.matcher(prose); span.find();) {
            spans.add(span.group(1).strip().replaceAll("\\s+", " "));
        }
        return spans;
    }

    /** The lines of the code blocks that start with {@code prefix}. */
    static List<String> commands(Path document, String prefix) throws IOException {
        return codeBlocks(document).stream().flatMap(List::stream).filter(line -> line.startsWith(prefix)).toList();
    }

    private static List<List<String>> codeBlocks(Path document, Predicate<String> language) throws IOException {
        List<List<String>> blocks = new ArrayList<>();
        for (Matcher block = FENCED.matcher(Files.readString(document)); block.find();) {
            if (language.test(block.group(1))) {
                blocks.add(block.group(2).lines().map(String::strip).toList());
            }
        }
        return blocks;
    }

    /** Link targets that are neither URLs nor anchors in the same document, without their anchor. */
    static List<String> relativeLinks(Path document) throws IOException {
        List<String> targets = new ArrayList<>();
        for (Matcher link = LINK.matcher(Files.readString(document)); link.find();) {
            String target = link.group(1);
            if (!target.matches("[a-z]+:.*") && !target.startsWith("#")) {
                targets.add(target.replaceFirst("#.*", ""));
            }
        }
        return targets;
    }
}
