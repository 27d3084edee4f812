package com.fleetdesk.support;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, explainable sentiment score in [-1, 1] for a customer's message, used to hand
 * frustrated customers to a person. Each negative phrase counts -0.4 (strong ones such as
 * "useless" or "ridiculous" -0.6), each positive phrase +0.4, SHOUTING (two or more all-capital
 * words of three letters or more) -0.3, and repeated "!!" or "??" -0.2; the sum is clamped to
 * [-1, 1]. A message at or below {@link #FRUSTRATED} (-0.6) counts as frustration: one strong
 * word, or e.g. "still not working!!".
 */
final class Sentiment {

    static final double FRUSTRATED = -0.6;

    private static final List<String> STRONG = List.of("useless", "ridiculous", "rubbish", "pathetic", "unacceptable", "wtf", "ffs",
            "hopeless", "waste of time", "sick of", "fed up", "furious", "worst", "garbage", "joke", "hate this", "absurd");
    private static final List<String> NEGATIVE = List.of("annoying", "annoyed", "angry", "frustrated", "frustrating", "terrible", "awful",
            "stupid", "still not", "not working", "doesn't work", "does not work", "never works", "broken", "again", "nobody", "no one helps",
            "not helpful", "unhelpful", "that's wrong", "wrong answer", "didn't help", "did not help", "bloody", "damn", "makes no sense",
            "doesn't understand", "not what i asked", "you don't understand", "disappointed", "fed-up");
    private static final List<String> POSITIVE = List.of("thanks", "thank you", "great", "perfect", "brilliant", "helpful", "cheers",
            "excellent", "awesome", "lovely", "that works", "solved", "appreciate");
    private static final Pattern SHOUT = Pattern.compile("\\b[A-Z]{3,}\\b");

    private Sentiment() {
    }

    static double score(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String lower = " " + text.toLowerCase(Locale.ROOT).replace('’', '\'') + " ";
        double score = 0;
        for (String phrase : STRONG) {
            if (containsPhrase(lower, phrase)) {
                score -= 0.6;
            }
        }
        for (String phrase : NEGATIVE) {
            if (containsPhrase(lower, phrase)) {
                score -= 0.4;
            }
        }
        for (String phrase : POSITIVE) {
            if (containsPhrase(lower, phrase)) {
                score += 0.4;
            }
        }
        Matcher shout = SHOUT.matcher(text);
        int shouted = 0;
        while (shout.find()) {
            shouted++;
        }
        if (shouted >= 2) {
            score -= 0.3;
        }
        if (text.contains("!!") || text.contains("??")) {
            score -= 0.2;
        }
        return Math.max(-1, Math.min(1, score));
    }

    private static boolean containsPhrase(String lowerPadded, String phrase) {
        int at = lowerPadded.indexOf(phrase);
        while (at >= 0) {
            boolean startOk = !Character.isLetter(lowerPadded.charAt(at - 1));
            int end = at + phrase.length();
            boolean endOk = end >= lowerPadded.length() || !Character.isLetter(lowerPadded.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            at = lowerPadded.indexOf(phrase, at + 1);
        }
        return false;
    }
}
