package com.fleetdesk.base.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Answers a request whose parameters are not valid percent-encoded UTF-8 with 400 and a reason,
 * before anything reads them: the servlet container would otherwise fail deep inside whichever
 * filter first asked for a parameter, as a server error.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedRequestFilter extends OncePerRequestFilter {

    static final String REASON = "Malformed request: parameters must be percent-encoded UTF-8.";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!decodes(request.getQueryString()) || !parametersParse(request)) {
            // Written here, not with sendError: the error page dispatch would read the broken parameters again.
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write(REASON);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Lets the container parse the parameters (the query and a form body) now, where a failure
     * can still become a 400, instead of in whichever filter or forward asks first. Multipart
     * bodies (uploads) are left to their handler.
     */
    private static boolean parametersParse(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
            return true;
        }
        try {
            request.getParameterMap();
            return true;
        } catch (IllegalStateException e) {
            // Tomcat's InvalidParameterException: a name or value that is not valid in the request's encoding
            return false;
        }
    }

    /** True when every name and value of a query string percent-decodes to valid UTF-8. */
    static boolean decodes(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        for (String part : query.split("[&=]")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%') {
                    if (i + 2 >= part.length()) {
                        return false;
                    }
                    int hi = Character.digit(part.charAt(i + 1), 16);
                    int lo = Character.digit(part.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return false;
                    }
                    bytes.write(hi * 16 + lo);
                    i += 2;
                } else if (c > 0x7f) {
                    return false;
                } else {
                    bytes.write(c == '+' ? ' ' : c);
                }
            }
            try {
                decoder.reset().decode(ByteBuffer.wrap(bytes.toByteArray()));
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }
}
