package com.fleetdesk.support;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an article into passages a user can read as an answer: one per Markdown section, long
 * sections split at paragraph boundaries near {@link #TARGET} characters. Each passage keeps its
 * section heading so it makes sense on its own.
 */
final class ArticleChunker {

    static final int TARGET = 600;

    private ArticleChunker() {
    }

    static List<String> chunks(String markdown) {
        List<String> out = new ArrayList<>();
        String heading = "";
        StringBuilder section = new StringBuilder();
        for (String line : markdown.replace("\r", "").split("\n")) {
            if (line.startsWith("#")) {
                flush(out, heading, section);
                heading = line.replaceFirst("^#+\\s*", "").strip();
                section.setLength(0);
            } else {
                section.append(line).append('\n');
            }
        }
        flush(out, heading, section);
        return out;
    }

    private static void flush(List<String> out, String heading, StringBuilder section) {
        String text = section.toString().strip();
        if (text.isEmpty()) {
            return;
        }
        StringBuilder piece = new StringBuilder();
        for (String paragraph : text.split("\n\\s*\n")) {
            if (!piece.isEmpty() && piece.length() + paragraph.length() > TARGET) {
                out.add(withHeading(heading, piece));
                piece.setLength(0);
            }
            if (!piece.isEmpty()) {
                piece.append("\n\n");
            }
            piece.append(paragraph.strip());
        }
        if (!piece.isEmpty()) {
            out.add(withHeading(heading, piece));
        }
    }

    private static String withHeading(String heading, StringBuilder text) {
        return heading.isEmpty() ? text.toString() : heading + "\n" + text;
    }
}
