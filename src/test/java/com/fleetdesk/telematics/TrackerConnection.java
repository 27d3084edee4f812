package com.fleetdesk.telematics;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One tracker's keep-alive HTTP/1.1 connection for {@link TelematicsBenchmark}: writes one GET,
 * reads its answer (status line, headers, Content-Length body), and sends the next on the same
 * socket, as Traccar Client and OsmAnd do. Deliberately tiny so the load generator costs little
 * of the CPU it shares with the server. A connection the server closed is reopened once per
 * request (the request is resent: positions are idempotent by device and time) and counted.
 */
public final class TrackerConnection implements AutoCloseable {

    private final String host;
    private final int port;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private boolean closeAfterResponse;
    private int reconnects;

    public TrackerConnection(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        open();
    }

    private void open() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 4096);
        closeAfterResponse = false;
    }

    /** Sends {@code GET target} and returns the status code; reconnects once if the server had closed the connection. */
    public int get(String target) throws IOException {
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: fleetdesk-bench\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        if (closeAfterResponse) {
            reopen();
        }
        try {
            return exchange(request);
        } catch (IOException e) {
            reopen();
            return exchange(request);
        }
    }

    public int reconnects() {
        return reconnects;
    }

    private void reopen() throws IOException {
        reconnects++;
        closeQuietly();
        open();
    }

    private int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int n = readLine();
        if (n < 12 || line[0] != 'H') {
            throw new IOException("bad status line");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long length = -1;
        while ((n = readLine()) > 0) {
            if (startsWithIgnoreCase(n, "content-length:")) {
                length = Long.parseLong(new String(line, 15, n - 15, StandardCharsets.ISO_8859_1).strip());
            } else if (startsWithIgnoreCase(n, "connection:")
                    && new String(line, 11, n - 11, StandardCharsets.ISO_8859_1).strip().equalsIgnoreCase("close")) {
                closeAfterResponse = true;
            }
        }
        if (length < 0) {
            throw new IOException("answer without Content-Length");
        }
        in.skipNBytes(length); // throws EOFException when the connection ends early
        return status;
    }

    /** Reads one header line into {@link #line} without CR LF; returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("header line too long");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean startsWithIgnoreCase(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
