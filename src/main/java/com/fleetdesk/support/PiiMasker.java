package com.fleetdesk.support;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data with placeholders before text leaves for an external model, and puts
 * the real values back into the model's answer. One instance per question, so the same e-mail
 * always becomes the same placeholder within it. Masked: e-mail addresses, phone numbers,
 * names (the asking user's, names the tools return, and names introduced as "my name is …" /
 * "I'm …" / "driver …"), and vehicle registrations when configured.
 */
final class PiiMasker {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\d[\\d ()-]{7,}\\d(?![\\w])");
    /** A name introduced in the same line, by whole words ("Assigning a driver" above a line starting "Edit" is no name; nor is "Screwdriver Set"). */
    private static final Pattern INTRODUCED_NAME = Pattern.compile(
            "\\b(?i:my name is|i am|i'm|this is|driver|mr\\.?|mrs\\.?|ms\\.?|colleague|called)\\h+(\\p{Lu}\\p{Ll}+(?:\\h+\\p{Lu}[\\p{L}'-]+)?)");

    private final boolean maskPlates;
    private final Map<String, String> placeholders = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private final java.util.Set<String> knownNames = new java.util.LinkedHashSet<>();

    PiiMasker(boolean maskPlates, Collection<String> names) {
        this.maskPlates = maskPlates;
        names.stream().filter(n -> n != null && n.strip().length() > 2).forEach(n -> knownNames.add(n.strip()));
    }

    /** A name a tool is about to return: masked from now on in every text of this question. */
    void knowName(String name) {
        if (name != null && name.strip().length() > 2) {
            knownNames.add(name.strip());
        }
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = replace(text, EMAIL, "EMAIL", v -> true);
        out = replace(out, PHONE, "PHONE", PiiMasker::looksLikePhone);
        if (maskPlates) {
            out = replace(out, AssistantTools.PLATE, "PLATE", v -> true);
        }
        for (String name : List.copyOf(knownNames)) {
            out = out.replace(name, placeholder("NAME", name));
        }
        Matcher m = INTRODUCED_NAME.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            knownNames.add(name);
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group().replace(name, placeholder("NAME", name))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Puts the real values back in place of the placeholders. */
    String unmask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            out = out.replace(e.getValue(), e.getKey());
        }
        return out;
    }

    /** Nine or more digits and not an ISO date or a time range: "+44 7700 900123", "0161 496 0000". */
    private static boolean looksLikePhone(String candidate) {
        return candidate.chars().filter(Character::isDigit).count() >= 9 && !candidate.matches(".*\\d{4}-\\d{2}-\\d{2}.*");
    }

    private String replace(String text, Pattern pattern, String kind, java.util.function.Predicate<String> accept) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(accept.test(m.group()) ? placeholder(kind, m.group()) : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private String placeholder(String kind, String value) {
        return placeholders.computeIfAbsent(value, v -> "[" + kind + "_" + counters.merge(kind, 1, Integer::sum) + "]");
    }
}
