package com.fleetdesk.base.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedRequestFilterTest {

    @Test
    void validQueriesPass() {
        assertThat(MalformedRequestFilter.decodes(null)).isTrue();
        assertThat(MalformedRequestFilter.decodes("v-r=init&location=trips%2F12&q=caf%C3%A9+cr%C3%A8me&flag")).isTrue();
    }

    @Test
    void brokenEncodingsAreRefused() {
        assertThat(MalformedRequestFilter.decodes("location=%3F%25%95%DF")).as("bytes that are not UTF-8").isFalse();
        assertThat(MalformedRequestFilter.decodes("a=%G1")).as("not hex").isFalse();
        assertThat(MalformedRequestFilter.decodes("a=%4")).as("cut short").isFalse();
        assertThat(MalformedRequestFilter.decodes("a=caf\u00e9")).as("raw non-ASCII").isFalse();
    }
}
