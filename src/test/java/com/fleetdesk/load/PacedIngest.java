package com.fleetdesk.load;

import com.fleetdesk.telematics.TrackerConnection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Trackers at a fixed total rate for {@link LoadBenchmark}: OsmAnd GETs, one position per request,
 * on keep-alive connections (each a virtual thread carrying every n-th device), paced so that the
 * connections together offer {@code rate} positions per second. A connection that falls behind
 * its schedule sends at once until it has caught up, so the achieved rate shows what the server
 * keeps up with. Each position's latitude carries the moment it was sent (50 + (ms mod 100,000)
 * / 10^6 degrees), so a live map that receives the marker can tell how old it is.
 */
final class PacedIngest {

    private final String host;
    private final int port;
    private final List<String> devices;
    private final int connections;
    private final double rate;
    private final AtomicInteger phase = new AtomicInteger(); // 2: stop
    private final LongAdder ok = new LongAdder();
    private final LongAdder measuredOk = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final Map<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
    private final List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
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

    void start() {
        long periodNanos = (long) (1e9 * connections / rate);
        long t0 = System.nanoTime() + 200_000_000L;
        for (int c = 0; c < connections; c++) {
            int connection = c;
            List<String> mine = new ArrayList<>();
            List<String> fixed = new ArrayList<>(); // each device's constant query part, made once
            for (int d = c; d < devices.size(); d += connections) {
                mine.add(devices.get(d));
                fixed.add("&lon=" + String.format(java.util.Locale.ROOT, "%.6f", -2.6 + d * 0.0005)
                        + "&speed=" + (20 + d % 40) + "&bearing=" + (d * 7 % 360));
            }
            threads.add(Thread.ofVirtual().name("load-tracker-" + c).start(() -> {
                long[] samples = new long[8192];
                int n = 0;
                long start = t0 + periodNanos * connection / connections; // spread the connections over one period
                try (TrackerConnection conn = new TrackerConnection(host, port)) {
                    long k = 0;
                    while (phase.get() < 2) {
                        long due = start + k * periodNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        int i = (int) (k % mine.size());
                        k++;
                        long now = System.currentTimeMillis();
                        String target = "/?id=" + mine.get(i) + "&timestamp=" + now + "&lat=" + latitudeFor(now) + fixed.get(i);
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = conn.get(target);
                        } catch (IOException e) {
                            errors.increment();
                            Thread.sleep(10);
                            continue;
                        }
                        long took = System.nanoTime() - started;
                        boolean measured = now >= measuredFrom && now < measuredUntil;
                        if (status == 200) {
                            ok.increment();
                            if (measured) {
                                measuredOk.increment();
                            }
                        } else if (measured) {
                            otherStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                        if (measured) {
                            if (n == samples.length) {
                                samples = Arrays.copyOf(samples, n * 2);
                            }
                            samples[n++] = took;
                        }
                    }
                    reconnects.addAndGet(conn.reconnects());
                } catch (IOException e) {
                    errors.increment();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                latencies.add(Arrays.copyOf(samples, n));
            }));
        }
    }

    void measure() {
        measuredFrom = System.currentTimeMillis();
    }

    void stop() throws InterruptedException {
        measuredUntil = System.currentTimeMillis();
        Thread.sleep(100);
        phase.set(2);
        for (Thread t : threads) {
            t.join(java.time.Duration.ofSeconds(60));
        }
    }

    long measuredOk() {
        return measuredOk.sum();
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
        return errors.sum();
    }

    int reconnects() {
        return reconnects.get();
    }

    Map<Integer, Long> otherStatuses() {
        Map<Integer, Long> m = new TreeMap<>();
        otherStatuses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Response times of the measured window's requests in ns, sorted. */
    long[] responseTimes() {
        return latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    }
}
