package com.fleetdesk.fleet;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * A vehicle identification number per ISO 3779: 17 characters, digits and capital letters
 * without I, O and Q. The North-American check digit (position 9) is verified only for VINs
 * whose world manufacturer identifier starts with 1-5 (North America), where it is mandatory;
 * European and Asian VINs do not use it.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Vin.Validator.class)
public @interface Vin {

    String message() default "A VIN has 17 characters: digits and capital letters except I, O and Q";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Vin, String> {
        private static final Pattern FORMAT = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");
        private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValidVin(value);
        }

        public static boolean isValidVin(String vin) {
            if (!FORMAT.matcher(vin).matches()) {
                return false;
            }
            char region = vin.charAt(0);
            if (region >= '1' && region <= '5') {
                return vin.charAt(8) == checkDigit(vin);
            }
            return true;
        }

        static char checkDigit(String vin) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
            }
            int remainder = sum % 11;
            return remainder == 10 ? 'X' : (char) ('0' + remainder);
        }

        private static int transliterate(char c) {
            if (Character.isDigit(c)) {
                return c - '0';
            }
            return switch (c) {
                case 'A', 'J' -> 1;
                case 'B', 'K', 'S' -> 2;
                case 'C', 'L', 'T' -> 3;
                case 'D', 'M', 'U' -> 4;
                case 'E', 'N', 'V' -> 5;
                case 'F', 'W' -> 6;
                case 'G', 'P', 'X' -> 7;
                case 'H', 'Y' -> 8;
                case 'R', 'Z' -> 9;
                default -> 0;
            };
        }
    }
}
