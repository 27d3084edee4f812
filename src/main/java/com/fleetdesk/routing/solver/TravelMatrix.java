package com.fleetdesk.routing.solver;

/**
 * Travel between the locations of one problem, as whole units: the product uses metres and
 * seconds, the Solomon benchmark thousandths of its distance unit. Index 0.. n-1.
 */
public final class TravelMatrix {

    private final int size;
    private final long[] distance;
    private final long[] time;

    public TravelMatrix(int size, long[] distance, long[] time) {
        if (distance.length != size * size || time.length != size * size) {
            throw new IllegalArgumentException("a travel matrix of " + size + " locations needs " + size * size + " entries");
        }
        this.size = size;
        this.distance = distance;
        this.time = time;
    }

    public int size() {
        return size;
    }

    public long distance(int from, int to) {
        return distance[from * size + to];
    }

    public long time(int from, int to) {
        return time[from * size + to];
    }

    private volatile boolean[] near;

    /**
     * Whether {@code to} is among the {@link #NEIGHBOURS} closest locations of {@code from} (or
     * either is {@code depot}). Moves that put a stop next to a far one rarely pay, so the
     * local search skips them: the community edition's stand-in for nearby selection.
     */
    public boolean near(int from, int to) {
        boolean[] n = near;
        if (n == null) {
            n = nearTable();
            near = n;
        }
        return n[from * size + to];
    }

    static final int NEIGHBOURS = 15;

    private boolean[] nearTable() {
        boolean[] table = new boolean[size * size];
        Integer[] order = new Integer[size];
        for (int a = 0; a < size; a++) {
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            final int from = a;
            java.util.Arrays.sort(order, (x, y) -> Long.compare(distance(from, x) + distance(x, from), distance(from, y) + distance(y, from)));
            for (int k = 0; k < Math.min(size, NEIGHBOURS + 1); k++) {
                table[a * size + order[k]] = true;
                table[order[k] * size + a] = true;
            }
        }
        return table;
    }
}
