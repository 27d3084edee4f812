package com.fleetdesk.load;

import com.fleetdesk.telematics.TrackerConnection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Trackers at a fixed total rate for {@link LoadBenchmark}: OsmAnd GETs, one position per request,
 * on keep-alive connections (by default one per tracker, each carrying every n-th device when there
 * are fewer), paced so that the connections together offer {@code rate} positions per second. A
 * connection waits for each answer before it sends again, as a tracker does; one that falls behind
 * its schedule sends at once until it has caught up, so the achieved rate shows what the server
 * keeps up with. Each position's latitude carries the moment it was sent (50 + (ms mod 100,000) /
 * 10^6 degrees), so a live map that receives the marker can tell how old it is.
 * <p>
 * All connections run on one thread around a {@link Selector}: the generator shares the machine with
 * the server, and a thread per connection (blocking reads, timed sleeps) cost it about twice the CPU.
 */
final class PacedIngest {

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private final String host;
    private final int port;
    private final List<String> devices;
    private final int connections;
    private final double rate;
    private volatile int phase; // 1: sending, 2: stop sending, finish what is in flight
    private long measuredOk;
    private long errors;
    private int reconnects;
    private final Map<Integer, Long> otherStatuses = new TreeMap<>();
    private long[] latencies = new long[1 << 16];
    private int latencyCount;
    private Thread loop;
    private Selector selector;
    // The measured window is decided by each position's own timestamp, so the rows stored with a fix
    // time in [measuredFrom, measuredUntil) are exactly the measured window's answered positions.
    private volatile long measuredFrom = Long.MAX_VALUE;
    private volatile long measuredUntil = Long.MAX_VALUE;

    PacedIngest(String host, int port, List<String> devices, int connections, double rate) {
        this.host = host;
        this.port = port;
        this.devices = devices;
        this.connections = connections;
        this.rate = rate;
    }

    /** Latitude (6 decimals) that says when a position was sent. */
    static String latitudeFor(long sentMillis) {
        String digits = Long.toString(sentMillis % 100_000); // not String.format: it runs 10,000 times a second
        return "50." + "000000".substring(digits.length()) + digits;
    }

    /** Age in ms of a marker whose latitude came from {@link #latitudeFor}, at {@code nowMillis}; -1 if it is not ours. */
    static long ageOf(double lat, long nowMillis) {
        if (lat < 50.0 || lat >= 50.1) {
            return -1;
        }
        long sent = Math.round((lat - 50.0) * 1e6);
        return Math.floorMod(nowMillis % 100_000 - sent, 100_000);
    }

    /** One position from every device, as fast as the server answers, on {@code connections} keep-alive connections. */
    static void seed(String host, int port, List<String> devices, int connections) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        LongAdder failed = new LongAdder();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            threads.add(Thread.ofVirtual().start(() -> {
                try (TrackerConnection conn = new TrackerConnection(host, port)) {
                    for (int d = connection; d < devices.size(); d += connections) {
                        long now = System.currentTimeMillis() - 60_000;
                        if (conn.get("/?id=" + devices.get(d) + "&timestamp=" + now + "&lat=" + latitudeFor(now)
                                + "&lon=" + String.format(java.util.Locale.ROOT, "%.6f", -2.6 + d * 0.0005) + "&speed=0") != 200) {
                            failed.increment();
                        }
                    }
                } catch (IOException e) {
                    failed.increment();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failed.sum() > 0) {
            throw new IllegalStateException(failed.sum() + " seed positions were not accepted");
        }
    }

    void start() throws IOException {
        long periodNanos = (long) (1e9 * connections / rate);
        long t0 = System.nanoTime() + 200_000_000L;
        selector = Selector.open();
        PriorityQueue<Connection> idle = new PriorityQueue<>(Comparator.comparingLong((Connection c) -> c.due));
        for (int c = 0; c < connections; c++) {
            List<String> ids = new ArrayList<>();
            List<String> fixed = new ArrayList<>(); // each device's constant query part and headers, made once
            for (int d = c; d < devices.size(); d += connections) {
                ids.add("GET /?id=" + devices.get(d) + "&timestamp=");
                fixed.add("&lon=" + String.format(java.util.Locale.ROOT, "%.6f", -2.6 + d * 0.0005)
                        + "&speed=" + (20 + d % 40) + "&bearing=" + (d * 7 % 360)
                        + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUser-Agent: fleetdesk-bench\r\n\r\n");
            }
            Connection conn = new Connection(ids, fixed, periodNanos, t0 + periodNanos * c / connections); // spread over one period
            conn.open();
            idle.add(conn);
        }
        phase = 1;
        loop = Thread.ofPlatform().name("load-trackers").start(() -> run(idle));
    }

    private void run(PriorityQueue<Connection> idle) {
        int inFlight = 0;
        long stopDeadline = Long.MAX_VALUE;
        while (true) {
            long now = System.nanoTime();
            if (phase == 2) {
                if (stopDeadline == Long.MAX_VALUE) {
                    stopDeadline = now + 60_000_000_000L;
                }
                if (inFlight == 0 || now > stopDeadline) {
                    break;
                }
            } else {
                while (!idle.isEmpty() && idle.peek().due <= now) {
                    Connection c = idle.poll();
                    if (c.send()) {
                        inFlight++;
                    } else {
                        idle.add(c); // could not reconnect: due again in a moment
                    }
                }
            }
            long waitMs = phase == 2 || idle.isEmpty() ? 10 : Math.max(1, (idle.peek().due - now + 999_999) / 1_000_000);
            try {
                selector.select(waitMs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection c = (Connection) key.attachment();
                if (key.isValid() && key.isWritable() && !c.flush()) {
                    inFlight--; // the connection failed and could not be reopened: this position is given up
                    idle.add(c);
                    continue;
                }
                if (key.isValid() && key.isReadable() && c.read()) {
                    inFlight--;
                    if (phase != 2) {
                        if (c.due <= System.nanoTime() && c.send()) { // behind schedule: the next one at once
                            inFlight++;
                        } else {
                            idle.add(c);
                        }
                    }
                }
            }
        }
        for (SelectionKey key : selector.keys()) {
            ((Connection) key.attachment()).closeQuietly();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** One tracker connection's state; used by the loop's thread only. */
    private final class Connection {

        private final List<String> ids;
        private final List<String> fixed;
        private final long periodNanos;
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private SocketChannel channel;
        private SelectionKey key;
        private ByteBuffer out;
        private long due;
        private long k;
        private long sentNanos;
        private long sentMillis;
        private boolean closeAfterResponse;
        private boolean waiting;
        private final long[] lastMillis;

        Connection(List<String> ids, List<String> fixed, long periodNanos, long firstDue) {
            this.lastMillis = new long[ids.size()];
            this.ids = ids;
            this.fixed = fixed;
            this.periodNanos = periodNanos;
            this.due = firstDue;
        }

        void open() throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(host, port));
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
            in.clear();
            closeAfterResponse = false;
        }

        /** Sends the next position; false if the connection could not be reopened (due again in a moment). */
        boolean send() {
            int i = (int) (k % ids.size());
            // Never two fixes of a device in the same millisecond (a tracker catching up answers fast): the
            // second would be stored once, as the duplicate it would be, and the count of rows would not match.
            long now = Math.max(System.currentTimeMillis(), lastMillis[i] + 1);
            lastMillis[i] = now;
            String request = ids.get(i) + now + "&lat=" + latitudeFor(now) + fixed.get(i);
            out = ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1));
            k++;
            due += periodNanos;
            sentMillis = now;
            sentNanos = System.nanoTime();
            if (channel == null) {
                try {
                    reopen();
                } catch (IOException e) {
                    return givenUp();
                }
            }
            waiting = true;
            return flush();
        }

        /** Writes what is left of the request; false if the connection failed and could not be reopened. */
        boolean flush() {
            try {
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                return resend();
            }
        }

        /** Reads what arrived; true once the answer to the request in flight is complete. */
        boolean read() {
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                n = -1;
            }
            if (!waiting) { // an idle connection the server closed (or stray bytes): reopened for the next position
                if (n < 0) {
                    closeQuietly();
                } else {
                    in.clear();
                }
                return false;
            }
            if (n < 0) { // the server closed the connection before answering: positions are idempotent, send it again
                return !resend();
            }
            int end = indexOf(in, HEADER_END);
            if (end < 0) {
                if (!in.hasRemaining()) { // not an answer this server gives: count it and start afresh
                    in.clear();
                    return !resend();
                }
                return false;
            }
            long length = -1;
            String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(line.substring(colon + 1).strip());
                } else if (name.equalsIgnoreCase("Connection") && line.substring(colon + 1).strip().equalsIgnoreCase("close")) {
                    closeAfterResponse = true;
                }
            }
            if (length < 0 || in.position() < end + 4 + length) {
                return false; // the body is still on its way (or the answer has no length: never from this server)
            }
            in.clear();
            waiting = false;
            if (closeAfterResponse) {
                closeQuietly(); // reopened before the next position
            }
            answered(status, System.nanoTime() - sentNanos, sentMillis);
            return true;
        }

        private boolean resend() {
            try {
                reopen();
                out.rewind();
                channel.write(out);
                key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return true;
            } catch (IOException e) {
                return givenUp();
            }
        }

        private boolean givenUp() {
            waiting = false;
            errors++;
            closeQuietly();
            due = System.nanoTime() + 10_000_000L;
            return false;
        }

        private void reopen() throws IOException {
            reconnects++;
            closeQuietly();
            open();
        }

        private void closeQuietly() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already gone
                }
                channel = null;
            }
        }
    }

    private void answered(int status, long tookNanos, long sentMillis) {
        boolean measured = sentMillis >= measuredFrom && sentMillis < measuredUntil;
        if (status == 200) {
            if (measured) {
                measuredOk++;
            }
        } else if (measured) {
            otherStatuses.merge(status, 1L, Long::sum);
        }
        if (measured) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencyCount * 2);
            }
            latencies[latencyCount++] = tookNanos;
        }
    }

    private static int indexOf(ByteBuffer buffer, byte[] pattern) {
        byte[] a = buffer.array();
        for (int i = 0, last = buffer.position() - pattern.length; i <= last; i++) {
            int j = 0;
            while (j < pattern.length && a[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }

    void measure() {
        measuredFrom = System.currentTimeMillis();
    }

    /** Stops sending and waits for the answers still due (their positions may be in the measured window). */
    void stop() throws InterruptedException {
        measuredUntil = System.currentTimeMillis();
        Thread.sleep(100);
        phase = 2;
        selector.wakeup();
        loop.join(java.time.Duration.ofSeconds(90));
    }

    long measuredOk() {
        return measuredOk;
    }

    double measuredSeconds() {
        return (measuredUntil - measuredFrom) / 1000.0;
    }

    long measuredFrom() {
        return measuredFrom;
    }

    long measuredUntil() {
        return measuredUntil;
    }

    long errors() {
        return errors;
    }

    int reconnects() {
        return reconnects;
    }

    Map<Integer, Long> otherStatuses() {
        return new TreeMap<>(otherStatuses);
    }

    /** Response times of the measured window's requests in ns, sorted. */
    long[] responseTimes() {
        long[] sorted = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(sorted);
        return sorted;
    }
}
