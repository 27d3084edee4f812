package com.fleetdesk.trips;

import java.util.Arrays;

/**
 * An uploaded receipt, accepted only as a JPEG, PNG, WebP, HEIC image or a PDF of at most
 * {@link #MAX_BYTES}. The type is read from the file's first bytes, not trusted from the
 * browser, so a renamed executable or text file is refused.
 */
public record ReceiptFile(String fileName, String contentType, byte[] content) {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public static ReceiptFile inspect(String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new TripRuleException("receipt", "The receipt file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new TripRuleException("receipt", "The receipt is " + (content.length / 1024 / 1024) + " MB; receipts may be at most 5 MB");
        }
        String type = sniff(content);
        if (type == null) {
            throw new TripRuleException("receipt", "A receipt must be a photo (JPEG, PNG, WebP, HEIC) or a PDF; "
                    + (fileName == null ? "this file" : "\"" + fileName + "\"") + " is neither");
        }
        String safeName = fileName == null || fileName.isBlank() ? "receipt" : fileName.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        if (safeName.length() > 200) {
            safeName = safeName.substring(safeName.length() - 200);
        }
        return new ReceiptFile(safeName, type, content);
    }

    static String sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
        if (starts(b, '%', 'P', 'D', 'F', '-')) return "application/pdf";
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "image/webp";
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            String brand = new String(Arrays.copyOfRange(b, 8, 12), java.nio.charset.StandardCharsets.US_ASCII);
            if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) return "image/heic";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
